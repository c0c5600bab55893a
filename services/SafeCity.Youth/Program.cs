using SafeCity.Youth;
using SafeCity.Kernel.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddThemeService(YouthTheme.Definition);

var app = builder.Build();
app.MapThemeService();
app.Run();
