using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Features.RecordMeasurement;

/// <summary>A value for an indicator and period that no feed supplies: a survey, a perception, a return.</summary>
public sealed record RecordMeasurementCommand(string IndicatorId, string? Period, double? Value, string? Note, string Source = MeasurementSources.Entered)
{
    /// <summary>For an indicator that counts additions to a stock: whether the value is what was added (the default) or the stock held at the period's end.</summary>
    public StockBasis? Basis { get; init; }
}

public enum StockBasis
{
    Added,
    Held,
}
