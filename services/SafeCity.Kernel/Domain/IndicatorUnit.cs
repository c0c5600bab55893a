namespace SafeCity.Kernel.Domain;

public enum IndicatorUnit
{
    Count,
    Percentage,
    RatePer1000,
    RatePer100000,
    /// <summary>Per 100 of a cohort, e.g. NI 38's proven offences per 100 drug-misusing offenders.</summary>
    RatePer100,
}
