using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Performance;

namespace SafeCity.Kernel.Apis;

/// <param name="Target">Where the indicator should be for the span judged (its trajectory to date).</param>
/// <param name="AnnualTarget">The annual target of the year judged, where one is set and can be worked out.</param>
public sealed record IndicatorDto(
    string Id, string? Code, string Name, string Category, string Unit, string Polarity, string Frequency,
    Baseline Baseline, IReadOnlyList<TargetDto> Targets, MeasurementDto? Latest, double? Target, string Rag, string RagReason,
    string Year, double? YearToDate, string? Through, double? AnnualTarget, string Direction, double TolerancePercent,
    ProfileSources? Sources, IndicatorHolder? HeldBy, IReadOnlyList<TargetChange> TargetHistory)
{
    public static IndicatorDto From(IndicatorStatus status)
    {
        var i = status.Indicator;
        var a = status.Assessment;
        return new(i.Id, i.Code ?? i.OtherCode, i.Name, i.Category, i.Unit.ToString(), i.Polarity.ToString(), i.Frequency.ToString(),
            i.Baseline, i.Targets.Select(t => TargetDto.From(t, status.AnnualFigure(t))).ToArray(), status.Latest is null ? null : MeasurementDto.From(status.Latest),
            a.ExpectedToDate, a.Rag.ToString(), a.Reason, a.Year.ToString(), a.Actual?.Value, a.Actual?.Through, a.AnnualTarget, a.Direction.ToString(), a.TolerancePercent,
            i.Sources, i.HeldBy, i.TargetHistory);
    }
}
