using SafeCity.RecordFiles.Reference;

namespace SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;

/// <summary>A member's figures as GET /api/governance/most-similar-group gives them.</summary>
public sealed record MemberDto(
    string Name, string District, long Count, long Population, int PopulationMidYear, double RatePer1000, int Rank,
    double Expected, double Lower95, double Upper95, double Lower998, double Upper998, string Position);

/// <summary>Southampton's place: rate, rank among the members with figures (1 = lowest), position, and the sentence the pages say.</summary>
public sealed record HomeDto(double RatePer1000, int Rank, int Of, string Position, string Sentence);

/// <summary>The family compared, as JSON (GET /api/governance/most-similar-group).</summary>
public sealed record ComparisonDto(
    string Measure, string MeasureName, string MeasureDefinition, string Period, string PeriodName, IReadOnlyList<string> Months,
    string Method, string MethodDescription, double FamilyMean, double StandardDeviation, double LowerLimit, double UpperLimit, double FamilyRatePer1000,
    HomeDto? Southampton, IReadOnlyList<MemberDto> Members, IReadOnlyList<MissingMember> Missing, string PopulationNote,
    IReadOnlyList<RankInPeriod> History, string Attribution, int FamilyVersion)
{
    public static ComparisonDto From(FamilyComparison c, IReadOnlyList<RankInPeriod> history) => new(
        c.Measure.Key, c.Measure.Name, c.Measure.Definition, c.Period.ToString(), c.Period.Describe(), c.Period.Months,
        c.Method == ComparisonMethod.Funnel ? "funnel" : "sd", c.MethodDescription, c.Mean, c.StandardDeviation, c.Lower, c.Upper, c.FamilyRate * 1000,
        c.Home is { } home ? new HomeDto(home.Rate, home.Rank, c.Members.Count, Key(home.Position), Sentence(c)) : null,
        c.Members.Select(m => new MemberDto(m.Name, m.District, m.Count, m.Population, m.PopulationMidYear, m.Rate, m.Rank, m.Expected,
            m.Lower95, m.Upper95, m.Lower998, m.Upper998, Key(m.Position))).ToList(),
        c.Missing, c.PopulationNote, history, ReferenceData.Attribution, c.FamilyVersion);

    public static string Key(GroupPosition position) => position switch
    {
        GroupPosition.Above => "above",
        GroupPosition.Below => "below",
        _ => "in-line",
    };

    public static string Words(GroupPosition position) => position switch
    {
        GroupPosition.Above => "Significantly above",
        GroupPosition.Below => "Significantly below",
        _ => "In line",
    };

    /// <summary>"Southampton: 4.12 per 1,000, ranked 12 of 14 (1 = lowest); significantly above the family."</summary>
    public static string Sentence(FamilyComparison c) => c.Home is not { } home
        ? $"Southampton has no figures for {c.Period.Describe()}: {c.Missing.FirstOrDefault(m => m.District == Family.HomeDistrict)?.Why}"
        : $"Southampton: {home.Rate:0.00} per 1,000 for {c.Measure.Name.ToLowerInvariant()} in {c.Period.Describe()}, ranked {home.Rank} of {c.Members.Count} (1 = lowest); " +
          (home.Position switch
          {
              GroupPosition.Above => "significantly above the family.",
              GroupPosition.Below => "significantly below the family.",
              _ => "in line with the family.",
          });
}

/// <summary>A force's month held, without its counts (GET /api/governance/most-similar-group/police-counts).</summary>
public sealed record HeldForceMonthDto(string Month, string Force, string File, long Rows, long Counted, long WithoutLsoa, long UnknownLsoa, long Rejected, DateTimeOffset ImportedAt, string ImportedBy);

/// <summary>A population estimate held (GET /api/governance/most-similar-group/populations).</summary>
public sealed record PopulationEstimateDto(int MidYear, string Source, int Districts, DateTimeOffset? ImportedAt, string? ImportedBy);
