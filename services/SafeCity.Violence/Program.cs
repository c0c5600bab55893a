using SafeCity.Kernel.Hosting;
using SafeCity.Violence;

var builder = WebApplication.CreateBuilder(args);
builder.AddThemeService(ViolenceTheme.Definition);

var app = builder.Build();
app.MapThemeService();
app.Run();
