using SafeCity.Governance.Performance;
using SafeCity.Governance.Performance.MostSimilarGroup;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.Sharing;
using SafeCity.Governance.Structure;

namespace SafeCity.Governance.Holdings;

/// <summary>One kind of thing governance holds, in the partnership's words, and how many.</summary>
public sealed record Holding(string What, int Count);

/// <summary>
/// Everything governance holds that people, partners or the themes put there. What the service makes by
/// itself is not counted: Appendix C as printed (the structure's first version) and quarterly reports the
/// clock draws up. The demonstration year asks this before it fills a platform, so a kind of record left
/// out here is one the demonstration could be written beside.
/// </summary>
public sealed class WhatGovernanceHolds(
    IPerformanceReadModel model,
    PmgService pmg,
    PpoCohort cohort,
    BreachProcedure breaches,
    PartnershipStructureStore structure,
    MostSimilarGroupComparisons comparisons,
    ToleranceStore tolerances)
{
    public async Task<IReadOnlyList<Holding>> CountAsync(CancellationToken ct)
    {
        Holding[] all =
        [
            new("figures", (await model.GetMeasurementsAsync(ct)).Count),
            new("PMG meetings", (await pmg.MeetingsAsync(ct)).Count),
            new("remedial actions", (await pmg.RemedialActionsAsync(ct)).Count),
            new("members of the PPO cohort", (await cohort.MembersAsync(ct)).Count),
            new("disclosure requests", (await cohort.RequestsAsync(ct)).Count),
            new("entries in the disclosure log", (await cohort.LogAsync(null, null, null, null, ct)).Count),
            new("information-sharing breaches", (await breaches.AllAsync(ct)).Count),
            new("changes to the partnership structure", (await structure.HistoryAsync(ct)).Count(v => v.Version > 1)),
            new("Most Similar Group comparisons", (await comparisons.ListAsync(ct)).Count),
            new("tolerance changes", (await tolerances.SettingsAsync(ct)).History.Count),
        ];
        return [.. all.Where(h => h.Count > 0)];
    }
}
