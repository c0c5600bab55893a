using SafeCity.Communities;
using SafeCity.Kernel.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddThemeService(CommunitiesTheme.Definition);

var app = builder.Build();
app.MapThemeService();
app.Run();
