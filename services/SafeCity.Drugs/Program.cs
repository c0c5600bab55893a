using SafeCity.Drugs;
using SafeCity.Kernel.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddThemeService(DrugsTheme.Definition);

var app = builder.Build();
app.MapThemeService();
app.Run();
