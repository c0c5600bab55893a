using SafeCity.Kernel.Hosting;

namespace SafeCity.Drugs;

/// <summary>Priority 6's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class DrugsTheme
{
    private DrugsTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "drugs",
        Priority = 6,
        Title = "Tackle drug related harm",
        LeadPartnership = "Drug Action Team",
        Assembly = typeof(DrugsTheme).Assembly,
    };
}
