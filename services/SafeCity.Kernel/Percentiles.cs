namespace SafeCity.Kernel;

public static class Percentiles
{
    /// <summary>The value at a percentile (0–100) of values sorted ascending, by nearest rank; NaN for none.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
