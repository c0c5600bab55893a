namespace SafeCity.Kernel.Domain;

/// <summary>A plan carried from one financial year into the next: who did it, when, and what became of each action.</summary>
public sealed record PlanYearEnd(string Year, string Into, DateTimeOffset At, string By, IReadOnlyList<ActionYearEnd> Actions);
