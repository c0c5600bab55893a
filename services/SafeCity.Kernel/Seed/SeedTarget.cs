namespace SafeCity.Kernel.Seed;

internal sealed record SeedTarget(string? AsWritten, double? Value, string? Unit, double? WithStretch, double? WithoutStretch);
