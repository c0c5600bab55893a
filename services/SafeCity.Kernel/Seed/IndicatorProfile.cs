using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Seed;

/// <summary>
/// What the extraction does not say about an indicator and the theme knows: unit, polarity, frequency,
/// each with its source; for an indicator printed in two plans, which plan holds it; and how its
/// printed target is read.
/// </summary>
public sealed record IndicatorProfile(string? Unit, string? Polarity, string? Frequency)
{
    public ProfileSources? Sources { get; init; }
    public IndicatorHolder? HeldBy { get; init; }
    public StockCounted? Stock { get; init; }
    public TargetReading? Target { get; init; }
}
