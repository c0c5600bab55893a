namespace SafeCity.Kernel.Domain;

/// <summary>The year to date: the value of the months covered so far (a sum for counts, the latest figure for rates).</summary>
public sealed record YearToDate(ReportingPeriod Year, double Value, int Months, string Through, bool Partial);
