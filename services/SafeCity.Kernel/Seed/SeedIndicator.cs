namespace SafeCity.Kernel.Seed;

internal sealed record SeedIndicator(
    string? Code,
    string? CodeAsWritten,
    string? OtherCode,
    string Name,
    string Category,
    string? Label,
    string? Group,
    SeedBaseline Baseline,
    SeedTarget Target,
    string? Notes,
    List<int>? SourceLines);
