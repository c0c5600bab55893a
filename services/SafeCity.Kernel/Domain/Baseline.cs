namespace SafeCity.Kernel.Domain;

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
