namespace SafeCity.Governance.Performance.MostSimilarGroup;

/// <summary>One imported comparison: every group member's rate per 1,000 for a measure and period.</summary>
public sealed record MostSimilarGroupComparison(string Id, string Measure, string Period, IReadOnlyList<MostSimilarGroupRate> Rates, DateTimeOffset ImportedAt, string ImportedBy)
{
    public const string Home = "Southampton";

    /// <summary>
    /// The group average is the plain mean of the members' rates, Southampton included; the control
    /// limits are that mean plus and minus two standard deviations of the members' rates. Southampton
    /// is above or below the group when its rate lies outside the limits, in line within them. Rank 1
    /// is the lowest rate.
    /// </summary>
    public const string Method =
        "Group average: the mean of the 15 members' rates per 1,000, Southampton included, unweighted. Control limits: the average ± 2 standard deviations of those rates. " +
        "Above or below the group: outside the limits; in line: within them. Rank 1 is the lowest rate.";

    public double Mean => Rates.Average(r => r.Rate);

    public double StandardDeviation => Forecasting.StandardDeviation(Rates.Select(r => r.Rate).ToList());

    public double Lower => Mean - (2 * StandardDeviation);

    public double Upper => Mean + (2 * StandardDeviation);

    public double HomeRate => Rates.First(r => r.Area == Home).Rate;

    public int HomeRank => 1 + Rates.Count(r => r.Rate < HomeRate);

    public GroupPosition Position => HomeRate > Upper ? GroupPosition.Above : HomeRate < Lower ? GroupPosition.Below : GroupPosition.InLine;
}
