using SafeCity.Kernel.Hosting;
using SafeCity.Youth;

ThemeServiceHost.Run(YouthTheme.Definition, args);
