using SafeCity.Kernel.Hosting;

namespace SafeCity.Alcohol;

/// <summary>Priority 1's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class AlcoholTheme
{
    private AlcoholTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "alcohol",
        Priority = 1,
        Title = "Reduce alcohol related harm",
        LeadPartnership = "Tackling Alcohol Partnership",
        Assembly = typeof(AlcoholTheme).Assembly,
    };
}
