using SafeCity.Communities;
using SafeCity.Kernel.Hosting;

ThemeServiceHost.Run(CommunitiesTheme.Definition, args);
