using SafeCity.RecordFiles.Reference;

namespace SafeCity.Governance.Performance.MostSimilarGroup.ImportPopulation;

/// <summary>The people of a district as one estimate gives them.</summary>
public sealed record PopulationUsed(long People, int MidYear);

/// <summary>
/// One ONS mid-year population estimate of every district: shipped with the platform or imported
/// (<c>./safecity import population FILE --mid-year YYYY</c>), an import replacing a shipped estimate of the same year.
/// </summary>
public sealed record PopulationEstimate(int MidYear, string Source, IReadOnlyList<DistrictPopulation> Districts, DateTimeOffset? ImportedAt = null, string? ImportedBy = null)
{
    /// <summary>ONS estimates are of the population at 30 June.</summary>
    public DateOnly At => new(MidYear, 6, 30);

    /// <summary>The district's people in the estimate nearest to <paramref name="day"/> that holds the district; null when none does.</summary>
    public static PopulationUsed? Nearest(IReadOnlyList<PopulationEstimate> estimates, string district, DateOnly day) =>
        estimates
            .Select(e => (Estimate: e, Row: e.Districts.FirstOrDefault(d => d.Code == district)))
            .Where(e => e.Row is not null)
            .OrderBy(e => Math.Abs(e.Estimate.At.DayNumber - day.DayNumber)).ThenByDescending(e => e.Estimate.MidYear)
            .Select(e => new PopulationUsed(e.Row!.People, e.Estimate.MidYear))
            .FirstOrDefault();
}
