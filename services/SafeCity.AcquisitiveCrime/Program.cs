using SafeCity.AcquisitiveCrime;
using SafeCity.Kernel.Hosting;

ThemeServiceHost.Run(AcquisitiveCrimeTheme.Definition, args);
