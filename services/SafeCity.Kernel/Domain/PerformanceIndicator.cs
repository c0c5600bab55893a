using System.Text.Json.Serialization;

namespace SafeCity.Kernel.Domain;

public enum Polarity
{
    /// <summary>Crime, harm, fires: a fall is an improvement.</summary>
    LowerIsBetter,
    /// <summary>Treatment, engagement, satisfaction: a rise is an improvement.</summary>
    HigherIsBetter,
}

public enum IndicatorUnit
{
    Count,
    Percentage,
    RatePer1000,
    RatePer100000,
}

public enum ReportingFrequency
{
    Monthly,
    Quarterly,
    Annual,
}

/// <summary>
/// A baseline as the plan gives it: the text printed, its value where one can be read, its period.
/// Some baselines are several figures (two years, males and females): those are its <see cref="Series"/>.
/// </summary>
public sealed record Baseline(string? AsWritten, double? Value, string? Unit, string? Period, string? PeriodSource)
{
    public IReadOnlyList<BaselineFigure>? Series { get; init; }

    /// <summary>A head count printed beside a percentage, as in "15% (20 children)".</summary>
    public int? Count { get; init; }
}

/// <summary>One figure of a baseline series, labelled by its period, group or type.</summary>
public sealed record BaselineFigure(string? Period, string? Group, string? Type, double Value);

/// <summary>
/// A target for one financial year. Local Area Agreement stretch targets carry two figures: the
/// target without the stretch and the more ambitious one with it.
/// </summary>
public sealed record YearTarget(
    string Year,
    string? AsWritten,
    double? Value,
    string? Unit,
    double? WithStretch = null,
    double? WithoutStretch = null)
{
    [JsonIgnore]
    public bool IsStretch => WithStretch is not null;

    /// <summary>
    /// The annual figure the indicator is judged against: the stretch figure where there is one,
    /// and a "% reduction" applied to the baseline.
    /// </summary>
    public double? AnnualFigure(Baseline baseline)
    {
        if (WithStretch is { } stretch)
        {
            return stretch;
        }

        return Unit switch
        {
            "% reduction" => baseline.Value * (1 - (Value / 100)),
            "% increase" => baseline.Value * (1 + (Value / 100)),
            "additional licences" => baseline.Value + Value,
            _ => Value,
        };
    }
}

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
    public string? Notes { get; init; }

    [JsonIgnore]
    public string DisplayCode => Code ?? OtherCode ?? "Local";

    /// <summary>The target in force for a period: that financial year's, else the latest earlier one.</summary>
    public YearTarget? TargetFor(ReportingPeriod period)
    {
        var year = period.FinancialYear;
        return Targets
            .Select(t => (Target: t, Parsed: ReportingPeriod.TryParse(t.Year, out var p) ? p : (ReportingPeriod?)null))
            .Where(t => t.Parsed is { } p && p.Start <= year.Start)
            .OrderByDescending(t => t.Parsed!.Value.Start)
            .Select(t => t.Target)
            .FirstOrDefault();
    }
}
