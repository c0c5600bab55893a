namespace SafeCity.Cli.Bench;

/// <summary>Governance's answer at /api/governance/events/lag, as JSON.</summary>
internal sealed record LagReply(int Measurements, double P50, double P95, double P99, double Max);
