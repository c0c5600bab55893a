namespace SafeCity.Governance.Jobs;

public sealed record QuarterlyReportSummary(string Id, string Quarter, DateOnly AsAt, DateTimeOffset KeptAt, string By);
