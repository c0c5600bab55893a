using SafeCity.Kernel.Hosting;

namespace SafeCity.Communities;

/// <summary>Priority 7's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class CommunitiesTheme
{
    private CommunitiesTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "communities",
        Priority = 7,
        Title = "Foster stronger communities",
        LeadPartnership = "Southampton Communities and Renewal Partnership and the Local Resilience Forum",
        Assembly = typeof(CommunitiesTheme).Assembly,
    };
}
