using SafeCity.Drugs;
using SafeCity.Kernel.Hosting;

ThemeServiceHost.Run(DrugsTheme.Definition, args);
