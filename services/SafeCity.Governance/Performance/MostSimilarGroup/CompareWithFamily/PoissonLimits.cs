namespace SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;

/// <summary>
/// Control limits for a count expected to be <c>mean</c> by chance alone: the quantiles of a Poisson
/// distribution, computed exactly by summing its probabilities (no normal approximation, which is
/// poor for the small counts of a month in a small city).
/// </summary>
public static class PoissonLimits
{
    /// <summary>The smallest count k with P(X ≤ k) ≥ <paramref name="probability"/> for X ~ Poisson(<paramref name="mean"/>).</summary>
    public static long Quantile(double mean, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mean);
        if (probability is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability strictly between 0 and 1.");
        }

        if (mean == 0)
        {
            return 0;
        }

        // Below ten standard deviations under the mean the probabilities add to less than 1e-20: start there.
        var k = (long)Math.Max(0, Math.Floor(mean - (10 * Math.Sqrt(mean)) - 10));
        var pmf = Math.Exp((k * Math.Log(mean)) - mean - LogFactorial(k));
        var cumulative = pmf;
        while (cumulative < probability)
        {
            k++;
            pmf *= mean / k;
            cumulative += pmf;
        }

        return k;
    }

    /// <summary>ln(n!): exact sums below 30, Stirling's series (error under 1e-14) above.</summary>
    public static double LogFactorial(long n)
    {
        if (n < 30)
        {
            var sum = 0.0;
            for (var i = 2; i <= n; i++)
            {
                sum += Math.Log(i);
            }

            return sum;
        }

        double x = n;
        return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x)) + (1 / (12 * x)) - (1 / (360 * x * x * x)) + (1 / (1260 * Math.Pow(x, 5)));
    }
}
