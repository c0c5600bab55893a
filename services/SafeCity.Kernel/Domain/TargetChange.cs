namespace SafeCity.Kernel.Domain;

/// <summary>One change to an indicator's targets: the year, the target before and after (null: none), who, when and why.</summary>
public sealed record TargetChange(string Year, YearTarget? Before, YearTarget? After, string By, DateTimeOffset At, string Reason);
