namespace SafeCity.Kernel.Seed;

internal sealed record SeedAction(string? Theme, string Description, List<string>? Bullets, string? Responsible, string? Resources, string? Note, List<int>? SourceLines);
