namespace SafeCity.Contracts.Events;

/// <summary>
/// The RAG tolerances as they stand after the Performance Management Group changed them (or governance
/// started): the partnership default and every indicator's own. Each theme judges its pages with them,
/// so a theme and the Delivery Board report give an indicator the same colour.
/// </summary>
public sealed record RagTolerancesSet
{
    public required Guid EventId { get; init; }
    /// <summary>When governance set them; a theme keeps the latest it has been told.</summary>
    public required DateTimeOffset SetAt { get; init; }
    public required double DefaultPercent { get; init; }
    /// <summary>Indicators' own tolerances by "theme/id" ("alcohol/P1.I3") or id alone ("P1.I3").</summary>
    public required IReadOnlyDictionary<string, double> PerIndicator { get; init; }
}
