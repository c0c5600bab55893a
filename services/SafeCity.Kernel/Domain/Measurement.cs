using System.Text.Json.Serialization;

namespace SafeCity.Kernel.Domain;

/// <summary>The value of an indicator for one period, and where it came from.</summary>
public sealed record Measurement
{
    public required string IndicatorId { get; init; }
    public required string Period { get; init; }
    public required double Value { get; init; }
    /// <summary>"entered" by an officer, or "computed" from partner records.</summary>
    public required string Source { get; init; }
    public string? Note { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public string? RecordedBy { get; init; }
    public long Revision { get; init; } = 1;

    [JsonIgnore]
    public ReportingPeriod ReportingPeriod => ReportingPeriod.Parse(Period);

    /// <summary>The latest period wins; of two periods ending together, the longer (a year's outturn before its last month).</summary>
    public static Measurement? Latest(IEnumerable<Measurement> measurements) =>
        measurements
            .Where(m => ReportingPeriod.TryParse(m.Period, out _))
            .OrderByDescending(m => m.ReportingPeriod)
            .FirstOrDefault();
}
