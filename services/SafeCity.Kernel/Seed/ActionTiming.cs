using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Seed;

/// <summary>When an action is due where the plan gives a time: the date it means, the words and their line.</summary>
public sealed record ActionTiming(DateOnly Date, string AsWritten, int Line, string? Reading);
