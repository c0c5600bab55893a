namespace SafeCity.Kernel.Domain;

public enum IndicatorUnit
{
    Count,
    Percentage,
    RatePer1000,
    RatePer100000,
}
