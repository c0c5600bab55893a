using SafeCity.Kernel.Hosting;

namespace SafeCity.Alcohol;

public static class AlcoholTheme
{
    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "alcohol",
        Priority = 1,
        Title = "Reduce alcohol related harm",
        LeadPartnership = "Tackling Alcohol Partnership",
        PagesAssembly = typeof(AlcoholTheme).Assembly,
    };
}
