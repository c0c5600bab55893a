namespace SafeCity.Kernel.Domain;

/// <summary>Red, amber, green: the partnership's traffic light. NotRated where there is nothing to judge.</summary>
public enum Rag
{
    NotRated,
    Red,
    Amber,
    Green,
}

/// <summary>What an indicator's latest value says against its target, with the reason in words.</summary>
public sealed record IndicatorAssessment(Rag Rag, Measurement? Latest, double? Target, string Reason);

/// <summary>
/// The RAG rules. An indicator is green when its latest value meets the target for the same span,
/// amber when it misses by no more than the tolerance, red beyond it; polarity says which way is
/// better. A count's annual target is spread evenly over the year, so a month is judged against a
/// twelfth of it; a percentage or rate is judged against the target as it stands.
/// </summary>
public sealed class RagRules(double tolerancePercent)
{
    public const double DefaultTolerancePercent = 10;

    public double TolerancePercent { get; } = tolerancePercent >= 0
        ? tolerancePercent
        : throw new ArgumentOutOfRangeException(nameof(tolerancePercent), "The tolerance cannot be negative.");

    public static RagRules Default { get; } = new(DefaultTolerancePercent);

    public string Describe() =>
        $"Green: on or better than target. Amber: worse than target by up to {TolerancePercent:0.#}%. Red: worse by more. Count targets are spread evenly across the financial year.";

    public IndicatorAssessment Assess(PerformanceIndicator indicator, Measurement? latest)
    {
        if (latest is null)
        {
            return new(Rag.NotRated, null, null, "No value recorded yet.");
        }

        if (!ReportingPeriod.TryParse(latest.Period, out var period))
        {
            return new(Rag.NotRated, latest, null, $"The period '{latest.Period}' cannot be read.");
        }

        var annual = indicator.TargetFor(period)?.AnnualFigure(indicator.Baseline);
        if (annual is not { } yearly)
        {
            return new(Rag.NotRated, latest, null, $"No target is set for {period.FinancialYear}.");
        }

        var target = indicator.Unit == IndicatorUnit.Count ? yearly * period.Months / 12.0 : yearly;
        var rag = Judge(latest.Value, target, indicator.Polarity);
        var word = indicator.Polarity == Polarity.LowerIsBetter ? "at most" : "at least";
        return new(rag, latest, target, $"{latest.Value:0.##} for {period} against a target of {word} {target:0.##}.");
    }

    public Rag Judge(double value, double target, Polarity polarity)
    {
        // Shortfall: how far the value is on the wrong side of the target, as a share of the target.
        var wrongSide = polarity == Polarity.LowerIsBetter ? value - target : target - value;
        if (wrongSide <= 0)
        {
            return Rag.Green;
        }

        // A hair of slack, so that a value exactly at the tolerance is amber whatever the rounding of the target.
        var allowed = (Math.Abs(target) * TolerancePercent / 100.0) + 1e-9;
        return wrongSide <= allowed ? Rag.Amber : Rag.Red;
    }

    /// <summary>
    /// A plan or priority takes the worst of what it contains: red if anything is red, amber if
    /// anything is amber, green if everything rated is green, not rated if nothing is.
    /// </summary>
    public static Rag RollUp(IEnumerable<Rag> parts)
    {
        var rated = parts.Where(r => r != Rag.NotRated).ToList();
        if (rated.Count == 0)
        {
            return Rag.NotRated;
        }

        return rated.Contains(Rag.Red) ? Rag.Red : rated.Contains(Rag.Amber) ? Rag.Amber : Rag.Green;
    }

    public const string RollUpRule = "A plan or priority shows the worst RAG among its indicators and actions; items not yet rated are left out.";
}
