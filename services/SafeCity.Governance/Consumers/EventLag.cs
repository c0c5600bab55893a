namespace SafeCity.Governance.Consumers;

/// <summary>How long measurements took from their theme to governance's model, in milliseconds.</summary>
public sealed record EventLag(int Measurements, double P50, double P95, double P99, double Max);
