using System.Reflection;

namespace SafeCity.Kernel.Hosting;

/// <summary>What makes a theme service itself: its priority, lead partnership, seed and extra pages.</summary>
public sealed record ThemeDefinition
{
    /// <summary>The theme's name in addresses: "/alcohol", "/api/alcohol", the database "alcohol".</summary>
    public required string Slug { get; init; }
    public required int Priority { get; init; }
    /// <summary>The priority as the plan words it, e.g. "Reduce alcohol related harm".</summary>
    public required string Title { get; init; }
    public required string LeadPartnership { get; init; }
    /// <summary>The theme's copy of its plans from the extraction, relative to the service's folder.</summary>
    public string PlansSeedFile { get; init; } = "Seed/action-plans.json";
    /// <summary>Unit, polarity and frequency of indicators where the extraction is silent.</summary>
    public string IndicatorProfilesFile { get; init; } = "Seed/indicator-profiles.json";
    /// <summary>An assembly with pages of the theme's own, routed beside the shared ones.</summary>
    public Assembly? PagesAssembly { get; init; }

    public string PathBase => "/" + Slug;
}
