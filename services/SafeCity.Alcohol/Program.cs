using SafeCity.Alcohol;
using SafeCity.Kernel.Hosting;

ThemeServiceHost.Run(AlcoholTheme.Definition, args);
