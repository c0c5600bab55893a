namespace SafeCity.Governance.Structure;

public sealed record PerformanceManagement(string Text, string MonitoringBody, string MonitoringFrequency, string LaaMonitoring, string ReportsTo);
