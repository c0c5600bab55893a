namespace SafeCity.Kernel.Features.RecordMeasurement;

/// <param name="Basis">For an indicator that counts additions to a stock (P19.I7's licences): "added" (the default) or "held" at the period's end.</param>
public sealed record RecordMeasurementBody(string? Period, double? Value, string? Note, string? Basis = null);
