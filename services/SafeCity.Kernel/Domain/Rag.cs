namespace SafeCity.Kernel.Domain;

/// <summary>Red, amber, green: the partnership's traffic light. NotRated where there is nothing to judge. Always sent by name.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Rag>))]
public enum Rag
{
    NotRated,
    Red,
    Amber,
    Green,
}

/// <summary>
/// Red, amber or green for a value against where it should be: green on or better than it, amber
/// worse by no more than the tolerance, red beyond; polarity says which way is better. Where the
/// value and its expected figure come from is <see cref="Trajectory"/>'s rule.
/// </summary>
public sealed class RagRules(double tolerancePercent)
{
    public const double DefaultTolerancePercent = 10;

    public double TolerancePercent { get; } = tolerancePercent >= 0
        ? tolerancePercent
        : throw new ArgumentOutOfRangeException(nameof(tolerancePercent), "The tolerance cannot be negative.");

    public static RagRules Default { get; } = new(DefaultTolerancePercent);

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
