namespace SafeCity.Kernel.Records;

/// <summary>
/// Where the calculator's figures go: recorded as measurements, as an officer's are (a revision, the
/// audit trail, an event for governance). The RecordMeasurement feature gives it, so the calculator,
/// which every feature that takes records shares, names no feature.
/// </summary>
public interface IComputedFigures
{
    /// <summary>Records a computed month's figure; null when it was recorded, else why not.</summary>
    Task<string?> RecordAsync(string indicatorId, string month, double value, string howComputed, CancellationToken ct);
}
