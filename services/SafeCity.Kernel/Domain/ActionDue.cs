namespace SafeCity.Kernel.Domain;

/// <summary>When an action is due: the date, the plan's own words where it gives a time, and where the date comes from.</summary>
public sealed record ActionDue(DateOnly Date, string? AsWritten, string Source);
