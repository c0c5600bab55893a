using SafeCity.Kernel.Hosting;
using SafeCity.Violence;

ThemeServiceHost.Run(ViolenceTheme.Definition, args);
