using SafeCity.Alcohol;
using SafeCity.Kernel.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddThemeService(AlcoholTheme.Definition);

var app = builder.Build();
app.MapThemeService();
app.Run();
