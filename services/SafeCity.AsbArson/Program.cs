using SafeCity.AsbArson;
using SafeCity.Kernel.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddThemeService(AsbArsonTheme.Definition);

var app = builder.Build();
app.MapThemeService();
app.Run();
