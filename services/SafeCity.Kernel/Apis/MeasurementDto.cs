using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Apis;

public sealed record MeasurementDto(string IndicatorId, string Period, double Value, string Source, string? Note, DateTimeOffset RecordedAt, string? RecordedBy, long Revision)
{
    public static MeasurementDto From(Measurement m) => new(m.IndicatorId, m.Period, m.Value, m.Source, m.Note, m.RecordedAt, m.RecordedBy, m.Revision);
}
