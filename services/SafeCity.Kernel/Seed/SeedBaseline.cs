namespace SafeCity.Kernel.Seed;

internal sealed record SeedBaseline(string? AsWritten, double? Value, string? Unit, string? Period, string? PeriodSource, List<SeedFigure>? Series, int? Count);
