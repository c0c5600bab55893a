using System.Text.Json;
using SafeCity.Kernel;
using SafeCity.Kernel.Seed;

namespace SafeCity.Governance.Structure;

/// <summary>A box of the Appendix C diagram: a board, the partnership, a priority, a subgroup or the PMG.</summary>
public sealed record GovernanceBody
{
    public required string Name { get; init; }
    /// <summary>The diagram's short label of a priority box, e.g. "Alcohol".</summary>
    public string? Label { get; init; }
    public string? RelatedNameInText { get; init; }
    public string? AbbreviationNote { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<string>? Monitors { get; init; }
    /// <summary>The action plans this body (a subgroup) owns, by number.</summary>
    public IReadOnlyList<int> Plans { get; init; } = [];
    /// <summary>Why it owns what it owns, where the drawing alone does not say.</summary>
    public string? OwnershipNote { get; init; }
    public IReadOnlyList<GovernanceBody> Children { get; init; } = [];

    public IEnumerable<GovernanceBody> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}

public sealed record PriorityObjective(string Letter, string Text);

/// <summary>One of the seven priorities with its objectives and the partnerships that lead it.</summary>
public sealed record PartnershipPriority
{
    public required int Number { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<PriorityObjective> Objectives { get; init; } = [];
    public IReadOnlyList<string> LeadPartnerships { get; init; } = [];
    public IReadOnlyList<string> LeadPartners { get; init; } = [];
    public IReadOnlyList<int> BusinessPlans { get; init; } = [];
}

public sealed record PerformanceManagement(string Text, string MonitoringBody, string MonitoringFrequency, string LaaMonitoring, string ReportsTo);

/// <summary>
/// The partnership's governance as Appendix C draws it: Strategy Board → Delivery Board → Safe City
/// Partnership → the seven priorities and their subgroups, with the Performance Management Group.
/// </summary>
public sealed record PartnershipStructure
{
    public required string Source { get; init; }
    public required GovernanceBody Tree { get; init; }
    public required PerformanceManagement PerformanceManagement { get; init; }
    public required IReadOnlyList<PartnershipPriority> Priorities { get; init; }

    public GovernanceBody SafeCityPartnership => Tree.SelfAndDescendants().First(b => b.Name.EndsWith("Safe City Partnership", StringComparison.Ordinal));

    /// <summary>The box of priority N ("Priority 1") in the diagram, with its subgroups.</summary>
    public GovernanceBody? PriorityBox(int number) => SafeCityPartnership.Children.FirstOrDefault(b => b.Name == $"Priority {number}");

    /// <summary>Every subgroup of every priority, with the priority it sits under: what the PMG monitors (paragraph 80: "all subgroups").</summary>
    public IReadOnlyList<(int Priority, GovernanceBody Subgroup)> Subgroups =>
        Priorities.Select(p => (p.Number, Box: PriorityBox(p.Number)))
            .Where(p => p.Box is not null)
            .SelectMany(p => p.Box!.Children.SelectMany(c => c.SelfAndDescendants()).Select(b => (p.Number, b)))
            .ToList();

    public GovernanceBody? PerformanceManagementGroup => SafeCityPartnership.Children.FirstOrDefault(b => b.Name.StartsWith("Performance Management Group", StringComparison.Ordinal));

    public const string Resource = "seed/appendix-c.json";

    public static PartnershipStructure Load(System.Reflection.Assembly assembly) =>
        JsonSerializer.Deserialize<PartnershipStructure>(ActionPlanSeed.EmbeddedText(assembly, Resource) ?? "null", KernelJson.Options)
        ?? throw new InvalidDataException($"{assembly.GetName().Name} carries no {Resource}.");
}
