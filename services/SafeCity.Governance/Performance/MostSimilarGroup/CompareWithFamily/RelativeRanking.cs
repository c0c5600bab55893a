namespace SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;

/// <summary>
/// Where Southampton stands in its family for one of the two measures paragraph 12 asks the partnership
/// to improve the city's relative ranking on, the priority and plan that answer for it, the comparison
/// and its history.
/// </summary>
public sealed record RelativeRanking(BenchmarkMeasure Measure, int Priority, string Theme, int PlanNumber, FamilyComparison Comparison, IReadOnlyList<RankInPeriod> History)
{
    /// <summary>
    /// Paragraph 11: "for Violent Crime and Criminal Damage, Southampton's performance is poor"; paragraph 12:
    /// "prioritise these issues … in order to improve the city's relative ranking". Violence is priority 2's
    /// (plan 3, serious violence), criminal damage priority 5's (plan 13).
    /// </summary>
    public static IReadOnlyList<(string Measure, int Priority, string Theme, int PlanNumber)> OfParagraph12 { get; } =
    [
        (BenchmarkMeasure.Violence, 2, "violence", 3),
        (BenchmarkMeasure.CriminalDamage, 5, "asb-arson", 13),
    ];

    public bool IsAboveTheFamily => Comparison.Home?.Position == GroupPosition.Above;

    public string Key => "family:" + Measure.Key;
}
