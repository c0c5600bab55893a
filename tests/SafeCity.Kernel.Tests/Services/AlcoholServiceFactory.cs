using SafeCity.Alcohol;

namespace SafeCity.Kernel.Tests.Services;

/// <summary>The alcohol service in process.</summary>
public sealed class AlcoholServiceFactory : ThemeServiceFactory<AlcoholTheme>;
