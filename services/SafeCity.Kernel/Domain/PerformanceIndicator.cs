using System.Text.Json.Serialization;

namespace SafeCity.Kernel.Domain;

/// <summary>A performance indicator of an action plan: a National Indicator (NI 39) or a local measure.</summary>
public sealed record PerformanceIndicator
{
    public required string Id { get; init; }
    public string? Code { get; init; }
    public string? CodeAsWritten { get; init; }
    public string? OtherCode { get; init; }
    public required string Name { get; init; }
    /// <summary>The plan's heading: LAA, LAA Stretch, Other, Other LAA Blocks.</summary>
    public required string Category { get; init; }
    public string? Label { get; init; }
    public string? Group { get; init; }
    public IndicatorUnit Unit { get; init; }
    public Polarity Polarity { get; init; }
    public ReportingFrequency Frequency { get; init; }
    public required Baseline Baseline { get; init; }
    public required IReadOnlyList<YearTarget> Targets { get; init; }
    /// <summary>Every change to the targets since the plan was imported, newest first.</summary>
    public IReadOnlyList<TargetChange> TargetHistory { get; init; } = [];
    public string? Notes { get; init; }
    /// <summary>What the plan prints in the target column where it gives no figure ("TBA", "To be confirmed", "See note"): words, not a target.</summary>
    public string? TargetAsPrinted { get; init; }
    /// <summary>Why the unit, polarity and frequency are what they are; null for indicators the partnership added itself.</summary>
    public ProfileSources? Sources { get; init; }
    /// <summary>Set when the indicator is printed here but held (recorded and judged) by another plan.</summary>
    public IndicatorHolder? HeldBy { get; init; }
    public StockCounted? Stock { get; init; }
    /// <summary>The document's lines the indicator is printed on.</summary>
    public IReadOnlyList<int>? SourceLines { get; init; }

    [JsonIgnore]
    public string DisplayCode => Code ?? OtherCode ?? "Local";

    /// <summary>The indicator as a title names it: its reference apart from its name ("NI 87 – Number of…", "Local – Sustain…").</summary>
    [JsonIgnore]
    public string Title => Titled(DisplayCode, Name);

    public static string Titled(string reference, string name) => $"{reference} – {name}";

    /// <summary>
    /// The target set for that financial year, and only that year's: a year nobody set a target for
    /// has none, so it is not rated rather than judged against another year's figure.
    /// </summary>
    public YearTarget? TargetFor(ReportingPeriod period)
    {
        var year = period.FinancialYear.ToString();
        return Targets.FirstOrDefault(t => t.Year == year);
    }
}
