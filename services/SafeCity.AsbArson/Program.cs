using SafeCity.AsbArson;
using SafeCity.Kernel.Hosting;

ThemeServiceHost.Run(AsbArsonTheme.Definition, args);
