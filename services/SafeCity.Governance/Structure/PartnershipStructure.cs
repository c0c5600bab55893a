using System.Text.Json;
using SafeCity.Kernel;
using SafeCity.Kernel.Seed;

namespace SafeCity.Governance.Structure;

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

    /// <summary>Every subgroup of every priority, with the priority it sits under: what the PMG monitors (Appendix C: "to monitor performance of all subgroups").</summary>
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
