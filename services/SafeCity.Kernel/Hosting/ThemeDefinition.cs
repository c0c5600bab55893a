using System.Reflection;
using SafeCity.Kernel.Records;

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
    /// <summary>
    /// The theme service's own assembly: it carries the seed (its copy of the plan extraction,
    /// seed/action-plans.json, and seed/indicator-profiles.json) and any pages of its own.
    /// </summary>
    public required Assembly Assembly { get; init; }

    /// <summary>The kinds of record the theme keeps in its register.</summary>
    public IReadOnlyList<RecordCategory> RecordCategories { get; init; } = [];

    /// <summary>The figures the theme computes from its records, some standing for plan indicators.</summary>
    public IReadOnlyList<ComputedMeasure> ComputedMeasures { get; init; } = [];

    /// <summary>Objectives of the priority that the published plan left without an action plan (letter, wording).</summary>
    public IReadOnlyList<(string Letter, string Objective)> ObjectivesWithoutPlans { get; init; } = [];

    public string PathBase => "/" + Slug;
}
