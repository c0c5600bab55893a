using SafeCity.AcquisitiveCrime;
using SafeCity.Kernel.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddThemeService(AcquisitiveCrimeTheme.Definition);

var app = builder.Build();
app.MapThemeService();
app.Run();
