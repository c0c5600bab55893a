namespace SafeCity.Kernel.Features.SetTargets;

/// <summary>
/// A target for an indicator and financial year as the partnership writes it: a figure; or, for an LAA
/// stretch target, the figures with and without stretch; or a percentage change on a stated base year.
/// </summary>
/// <param name="Year">The financial year's first calendar year: 2009 is 2009/10.</param>
public sealed record SetTargetCommand(string IndicatorId, int? Year, double? Value, double? WithStretch, double? WithoutStretch, string? AsWritten, string? Reason)
{
    /// <summary>A change on <see cref="BaseYear"/>'s figure, in percent: -5 is a 5% reduction.</summary>
    public double? ChangePercent { get; init; }

    /// <summary>The base year of <see cref="ChangePercent"/>, like 2007/08.</summary>
    public string? BaseYear { get; init; }
}

/// <summary>A target taken away from a year, so that the year is not rated until one is set again.</summary>
public sealed record RemoveTargetCommand(string IndicatorId, int? Year, string? Reason);
