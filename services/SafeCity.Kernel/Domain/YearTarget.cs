using System.Globalization;
using System.Text.Json.Serialization;

namespace SafeCity.Kernel.Domain;

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
