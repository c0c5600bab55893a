namespace SafeCity.Contracts.Events;

/// <summary>
/// A value was recorded for a performance indicator and period, typed in by an officer or computed
/// from partner records (<see cref="Source"/> says which).
/// </summary>
public sealed record MeasurementRecorded
{
    public required Guid EventId { get; init; }
    public required string Theme { get; init; }
    public required string IndicatorId { get; init; }
    /// <summary>"2008/09", "2008/09 Q1" or "2008-04".</summary>
    public required string Period { get; init; }
    public required double Value { get; init; }
    /// <summary>"entered", or "computed" for values derived from records.</summary>
    public required string Source { get; init; }
    /// <summary>Increases with every change to this indicator and period; older revisions are ignored.</summary>
    public required long Revision { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}
