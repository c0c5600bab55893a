using SafeCity.Kernel.Hosting;

namespace SafeCity.AsbArson;

/// <summary>Priority 5's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class AsbArsonTheme
{
    private AsbArsonTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "asb-arson",
        Priority = 5,
        Title = "Tackle anti-social behaviour",
        LeadPartnership = "ASB/Respect Partnership with the Criminal Damage and Arson Reduction groups",
        Assembly = typeof(AsbArsonTheme).Assembly,
    };
}
