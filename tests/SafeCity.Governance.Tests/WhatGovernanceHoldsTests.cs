using Microsoft.Extensions.Options;
using SafeCity.Governance.Holdings;
using SafeCity.Governance.Performance.MostSimilarGroup;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.Sharing;
using SafeCity.Testing;

namespace SafeCity.Governance.Tests;

/// <summary>What governance says it holds, which decides whether the demonstration year may fill a platform.</summary>
public sealed class WhatGovernanceHoldsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(WhatGovernanceHolds Holds, GovernanceStores Stores, BreachProcedure Breaches, MostSimilarGroupComparisons Comparisons, PpoCohort Cohort)> NewAsync()
    {
        var stores = await GovernanceStores.OpenAsync(_dir.Path, new InMemoryPerformanceReadModel());
        var pmg = new PmgService(stores.Documents, stores.Performance, Options.Create(new PmgCalendarOptions()), TimeProvider.System);
        var cohort = new PpoCohort(stores.Documents, new PersonalDataKey([.. Enumerable.Range(1, 32).Select(i => (byte)i)]), TimeProvider.System);
        var breaches = new BreachProcedure(stores.Documents, TimeProvider.System);
        var comparisons = new MostSimilarGroupComparisons(stores.Documents, TimeProvider.System);
        var holds = new WhatGovernanceHolds(new InMemoryPerformanceReadModel(), pmg, cohort, breaches, stores.Structure, comparisons, stores.Tolerances);
        return (holds, stores, breaches, comparisons, cohort);
    }

    [Fact]
    public async Task A_new_governance_holds_nothing_though_it_carries_Appendix_C_as_printed()
    {
        var (holds, stores, _, _, _) = await NewAsync();

        Assert.Single(await stores.Structure.HistoryAsync(CancellationToken.None));
        Assert.Empty(await holds.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Breaches_structure_changes_comparisons_tolerances_and_the_cohort_are_each_counted()
    {
        var (holds, stores, breaches, comparisons, cohort) = await NewAsync();
        var ct = CancellationToken.None;

        await breaches.ReportAsync("2008-03-20", "Southampton City Council", "Hampshire Probation Service", "Extract sent to the wrong partner.", "pmg", ct);
        var version = (await stores.Structure.LatestAsync(ct)).Version;
        await stores.Structure.RenameAsync(version, "TAP", "TAP", "Tackling Alcohol Partnership, with a role", "admin", ct);
        var rates = "area,rate\n" + string.Join("\n", MostSimilarGroupComparisons.Members.Select((m, i) => $"{m},{10 + i}"));
        var (comparison, problems) = await comparisons.ImportAsync("NI 16 serious acquisitive crime", "2008/09 Q1", rates, "analyst", ct);
        await stores.Tolerances.SetDefaultAsync("25", "pmg", ct);
        await cohort.AddAsync(new CohortReceipt("John Example", "1985-03-14", null, "Hampshire Constabulary", "DS Lee", "Preventing crime and disorder", "without consent", "PPO co-ordinator"), new OfficerAccount("pat.officer", "Pat Officer"), ct);

        Assert.Empty(problems);
        Assert.NotNull(comparison);
        var held = (await holds.CountAsync(ct)).ToDictionary(h => h.What, h => h.Count);
        Assert.Equal(1, held["information-sharing breaches"]);
        Assert.Equal(1, held["changes to the partnership structure"]);
        Assert.Equal(1, held["Most Similar Group comparisons"]);
        Assert.Equal(1, held["tolerance changes"]);
        Assert.Equal(1, held["members of the PPO cohort"]);
        Assert.Equal(1, held["entries in the disclosure log"]);
    }
}
