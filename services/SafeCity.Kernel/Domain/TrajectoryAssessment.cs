namespace SafeCity.Kernel.Domain;

/// <summary>An indicator judged for the year to date against where its trajectory says it should be by now.</summary>
public sealed record TrajectoryAssessment(
    ReportingPeriod Year,
    double? AnnualTarget,
    double? ExpectedToDate,
    YearToDate? Actual,
    Rag Rag,
    double TolerancePercent,
    DirectionOfTravel Direction,
    double? SamePeriodLastYear,
    TargetProfile Profile,
    string Reason);
