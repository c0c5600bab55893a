namespace SafeCity.Governance.Sharing;

/// <summary>Where a step stands on a day: done, due by a date, overdue, or waiting for the step before.</summary>
public sealed record StepStatus(BreachStep Step, StepState State, DateOnly? DueBy);
