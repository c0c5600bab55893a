namespace SafeCity.Governance.Jobs;

/// <summary>The Delivery Board report as it stood at the end of a quarter, kept when the quarter closed.</summary>
/// <param name="Id">"2008-09-Q2": the quarter, as it appears in the address.</param>
public sealed record QuarterlyReport(string Id, string Quarter, DateOnly AsAt, DateTimeOffset KeptAt, string By, string Csv);
