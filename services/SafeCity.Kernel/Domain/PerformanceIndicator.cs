using System.Globalization;
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

/// <summary>Where a target came from: printed in the plan (with the document's line), or set by someone of the partnership, when and why.</summary>
public sealed record TargetSource
{
    public const string Printed = "printed";
    public const string Set = "set";

    /// <summary><see cref="Printed"/> or <see cref="Set"/>.</summary>
    public required string Kind { get; init; }
    public string? By { get; init; }
    public DateTimeOffset? At { get; init; }
    public string? Reason { get; init; }
    /// <summary>For a printed target, the document's line it is printed on.</summary>
    public int? Line { get; init; }

    public static TargetSource InThePlan(int? line) => new() { Kind = Printed, Reason = "Printed in the plan (Target, March 2009)", Line = line };

    public string Describe() => Kind == Printed
        ? $"printed in the plan{(Line is { } l ? $", line {l}" : "")}"
        : string.Create(CultureInfo.InvariantCulture, $"set by {By}{(At is { } at ? $" on {at:d MMMM yyyy}" : "")}{(Reason is { Length: > 0 } r ? $": {r}" : "")}");
}

/// <summary>
/// A target for one financial year as the partnership writes it: a figure, or a percentage change on
/// a stated base year. Local Area Agreement stretch targets carry two figures: the target without the
/// stretch and the more ambitious one with it, which is the one judged.
/// </summary>
public sealed record YearTarget(
    string Year,
    string? AsWritten,
    double? Value,
    string? Unit,
    double? WithStretch = null,
    double? WithoutStretch = null)
{
    /// <summary>A change on the base year's figure, in percent: -5 is a 5% reduction.</summary>
    public double? ChangePercent { get; init; }

    /// <summary>The financial year <see cref="ChangePercent"/> applies to ("2007/08").</summary>
    public string? BaseYear { get; init; }

    public TargetSource? Source { get; init; }

    [JsonIgnore]
    public bool IsStretch => WithStretch is not null;

    /// <summary>
    /// The annual figure the indicator is judged against: the stretch figure where there is one; a
    /// change applied to the base year's figure (the baseline's when the baseline is of that year,
    /// else the year's outturn as recorded, given by <paramref name="outturn"/>); else the figure.
    /// Null when it cannot be worked out yet, and <paramref name="missing"/> says why.
    /// </summary>
    public double? AnnualFigure(Baseline baseline, Func<string, double?> outturn, out string? missing)
    {
        missing = null;
        if (WithStretch is { } stretch)
        {
            return stretch;
        }

        if (ChangePercent is { } change && BaseYear is { } baseYear)
        {
            var from = baseline.Period == baseYear && baseline.Value is { } b ? b : outturn(baseYear);
            if (from is null)
            {
                missing = $"the {Year} target is a {Describe(change)} on {baseYear}, and {baseYear} has no full-year figure recorded";
            }

            return from * (1 + (change / 100));
        }

        if (Value is null)
        {
            missing = $"the {Year} target ({AsWritten ?? "not given"}) has no figure";
        }

        return Value;
    }

    /// <summary>The annual figure where the plan alone gives it (no recorded outturn needed).</summary>
    public double? AnnualFigure(Baseline baseline) => AnnualFigure(baseline, static _ => null, out _);

    public static string Describe(double change) =>
        change < 0 ? string.Create(CultureInfo.InvariantCulture, $"{-change:0.##}% reduction") : string.Create(CultureInfo.InvariantCulture, $"{change:0.##}% increase");
}

/// <summary>One change to an indicator's targets: the year, the target before and after (null: none), who, when and why.</summary>
public sealed record TargetChange(string Year, YearTarget? Before, YearTarget? After, string By, DateTimeOffset At, string Reason);

/// <summary>
/// Where an attribute of an indicator's profile (unit, polarity, frequency) comes from: the document's
/// own words and the line they are on, or an assumption with its reason.
/// </summary>
public sealed record ProfileSource(string? Words, int? Line, string? Assumed)
{
    [JsonIgnore]
    public bool IsAssumed => Words is null;

    public string Describe() => Words is { } words ? $"“{words}” (line {Line})" : $"assumed: {Assumed}";
}

/// <summary>The sources of an indicator's unit, polarity and frequency.</summary>
public sealed record ProfileSources(ProfileSource Unit, ProfileSource Polarity, ProfileSource Frequency);

/// <summary>An indicator printed in two plans of different themes is held by one of them: this names it.</summary>
public sealed record IndicatorHolder(string Theme, int PlanNumber, string IndicatorId);

/// <summary>
/// A count of additions to a stock the plan also counts (new HMO licences beside the licences held):
/// a figure may be entered as the stock held at the end of the period, and is kept as what was added.
/// </summary>
public sealed record StockCounted(string What, double Held, string AsAt);

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
    /// <summary>Why the unit, polarity and frequency are what they are; null for indicators the partnership added itself.</summary>
    public ProfileSources? Sources { get; init; }
    /// <summary>Set when the indicator is printed here but held (recorded and judged) by another plan.</summary>
    public IndicatorHolder? HeldBy { get; init; }
    public StockCounted? Stock { get; init; }
    /// <summary>The document's lines the indicator is printed on.</summary>
    public IReadOnlyList<int>? SourceLines { get; init; }

    [JsonIgnore]
    public string DisplayCode => Code ?? OtherCode ?? "Local";

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
