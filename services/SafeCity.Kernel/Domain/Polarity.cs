namespace SafeCity.Kernel.Domain;

public enum Polarity
{
    /// <summary>Crime, harm, fires: a fall is an improvement.</summary>
    LowerIsBetter,
    /// <summary>Treatment, engagement, satisfaction: a rise is an improvement.</summary>
    HigherIsBetter,
}
