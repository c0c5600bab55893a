namespace SafeCity.Kernel.Seed;

internal sealed record SeedFigure(string? Period, string? Group, string? Type, double Value);
