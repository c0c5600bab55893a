using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Apis;

/// <summary>A year's target as the partnership wrote it, the annual figure it comes to, and where it came from.</summary>
public sealed record TargetDto(string Year, string? AsWritten, double? Value, double? WithStretch, double? WithoutStretch, double? ChangePercent, string? BaseYear, double? AnnualFigure, TargetSource? Source)
{
    public static TargetDto From(YearTarget t, double? annual) => new(t.Year, t.AsWritten, t.Value, t.WithStretch, t.WithoutStretch, t.ChangePercent, t.BaseYear, annual, t.Source);
}
