using SafeCity.Kernel.Hosting;
using SafeCity.Youth;

var builder = WebApplication.CreateBuilder(args);
builder.AddThemeService(YouthTheme.Definition);

var app = builder.Build();
app.MapThemeService();
app.Run();
