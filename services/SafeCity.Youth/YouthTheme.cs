using SafeCity.Kernel.Hosting;

namespace SafeCity.Youth;

/// <summary>Priority 4's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class YouthTheme
{
    private YouthTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "youth",
        Priority = 4,
        Title = "Improve children and young people’s safety",
        LeadPartnership = "Children’s Trust",
        Assembly = typeof(YouthTheme).Assembly,
    };
}
