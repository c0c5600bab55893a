using SafeCity.Violence;
using SafeCity.Kernel.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddThemeService(ViolenceTheme.Definition);

var app = builder.Build();
app.MapThemeService();
app.Run();
