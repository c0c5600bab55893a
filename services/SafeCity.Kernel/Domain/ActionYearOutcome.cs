namespace SafeCity.Kernel.Domain;

public enum ActionYearOutcome
{
    Completed,
    CarriedOver,
    Retired,
}
