namespace SafeCity.Kernel.Domain;

public enum ActionStatus
{
    NotStarted,
    InProgress,
    Completed,
    Delayed,
    Cancelled,
    /// <summary>Not carried into the next year's plan at a year end.</summary>
    Retired,
}
