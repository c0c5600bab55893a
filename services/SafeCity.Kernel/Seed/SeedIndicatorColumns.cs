namespace SafeCity.Kernel.Seed;

internal sealed record SeedIndicatorColumns(string? Baseline, string? Target);
