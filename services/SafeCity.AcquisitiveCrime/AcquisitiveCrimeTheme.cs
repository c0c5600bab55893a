using SafeCity.Kernel.Hosting;

namespace SafeCity.AcquisitiveCrime;

/// <summary>Priority 3's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class AcquisitiveCrimeTheme
{
    private AcquisitiveCrimeTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "acquisitive-crime",
        Priority = 3,
        Title = "Reduce serious acquisitive crime and re-offending by prolific and other priority offenders",
        LeadPartnership = "Safers Group and the PPO Project Group",
        Assembly = typeof(AcquisitiveCrimeTheme).Assembly,
    };
}
