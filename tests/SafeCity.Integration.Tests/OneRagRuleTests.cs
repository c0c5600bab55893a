using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SafeCity.LocalPlatform;

namespace SafeCity.Integration.Tests;

/// <summary>
/// The partnership's one RAG rule on the running platform: every theme's pages and governance give
/// each of the 92 indicators the same colour and reason for the same figures and date; a tolerance
/// the PMG sets reaches the themes; a target set through the API rates the indicator in both at once.
/// </summary>
[Collection(OneRagRuleCollection.Name)]
public sealed class OneRagRuleTests(OneRagRulePlatformFixture fixture)
{
    private static readonly string[] Themes = PlatformService.Themes.Select(t => t.Name).ToArray();

    private sealed record Judged(string Rag, string Reason);

    [Fact]
    public async Task Every_one_of_the_92_indicators_has_the_same_RAG_and_reason_in_its_theme_and_in_governance()
    {
        var gateway = fixture.Gateway;
        var indicators = new List<(string Theme, JsonElement Indicator)>();
        foreach (var theme in Themes)
        {
            var plans = await gateway.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans");
            indicators.AddRange(plans.EnumerateArray().Where(p => p.GetProperty("number").GetInt32() <= 19)
                .SelectMany(p => p.GetProperty("indicators").EnumerateArray()).Select(i => (theme, i)));
        }

        Assert.Equal(92, indicators.Count);
        var posted = new List<(string Theme, string Id, string Period, long Revision)>();
        var n = 0;
        foreach (var (theme, indicator) in indicators.Where(x => x.Indicator.GetProperty("heldBy").ValueKind == JsonValueKind.Null))
        {
            var id = indicator.GetProperty("id").GetString()!;
            var unit = indicator.GetProperty("unit").GetString()!;
            // A target for every year the figures fall in, where the plan printed none (the partnership's LAA refresh).
            var target = unit == "Count" ? 1200.0 : unit == "Percentage" ? 40.0 : 6.5;
            foreach (var year in new[] { 2008, 2009 })
            {
                if (!indicator.GetProperty("targets").EnumerateArray().Any(t => t.GetProperty("year").GetString() == $"{year}/{(year + 1) % 100:00}"))
                {
                    var set = await gateway.PutAsJsonAsync($"/api/{theme}/indicators/{id}/targets/{year}", new { value = target, reason = "LAA refresh (test)" });
                    Assert.Equal(HttpStatusCode.OK, set.StatusCode);
                }
            }

            // Figures around the trajectory, some over and some under it, so that every colour is met.
            foreach (var (period, months) in Periods(indicator.GetProperty("frequency").GetString()!))
            {
                var factor = new[] { 0.8, 0.97, 1.06, 1.3 }[n++ % 4];
                var value = unit == "Count" ? Math.Round(target * months / 12 * factor) : Math.Round(Math.Min(target * factor, 100), 1);
                var recorded = await gateway.PostAsJsonAsync($"/api/{theme}/indicators/{id}/measurements", new { period, value });
                Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
                posted.Add((theme, id, period, (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt64()));
            }
        }

        Assert.True(await PlatformFixture.EventuallyAsync(async () => await HeldByGovernanceAsync(posted), TimeSpan.FromSeconds(60)),
            "Governance did not receive every figure the themes recorded.");
        Assert.True(await PlatformFixture.EventuallyAsync(async () => (await TargetsInGovernanceAsync()) >= indicators.Count(x => x.Indicator.GetProperty("heldBy").ValueKind == JsonValueKind.Null) * 2, TimeSpan.FromSeconds(60)),
            "Governance did not receive every target the themes set.");

        foreach (var asAt in new[] { "2008-09-30", "2009-05-31", null })
        {
            var (themes, governance) = (await ThemeJudgementsAsync(asAt), await GovernanceJudgementsAsync(asAt));
            var differences = themes.Where(t => governance.GetValueOrDefault(t.Key) != t.Value)
                .Select(t => $"{t.Key} as at {asAt ?? "its latest"}: theme {t.Value}, governance {governance.GetValueOrDefault(t.Key)}").ToList();
            Assert.True(differences.Count == 0, string.Join("\n", differences));
            Assert.Equal(92, themes.Count);
            Assert.Contains(themes.Values, j => j.Rag == "Red");
            Assert.Contains(themes.Values, j => j.Rag == "Amber");
            Assert.Contains(themes.Values, j => j.Rag == "Green");
        }

        // A tolerance the PMG sets reaches the themes' pages, and the two still agree.
        var tolerance = await gateway.PutAsJsonAsync("/api/governance/tolerances/default", new { percent = 0.0 });
        Assert.Equal(HttpStatusCode.OK, tolerance.StatusCode);
        Assert.True(await PlatformFixture.EventuallyAsync(async () =>
            (await gateway.GetFromJsonAsync<JsonElement>("/api/youth/plans/7")).GetProperty("indicators")[0].GetProperty("tolerancePercent").GetDouble() == 0, TimeSpan.FromSeconds(30)),
            "The PMG's tolerance did not reach the youth theme.");
        // Each theme hears of it on its own queue: the youth theme first is not every theme yet.
        var (strictThemes, strictGovernance) = (await ThemeJudgementsAsync("2008-09-30"), await GovernanceJudgementsAsync("2008-09-30"));
        await PlatformFixture.EventuallyAsync(async () =>
        {
            (strictThemes, strictGovernance) = (await ThemeJudgementsAsync("2008-09-30"), await GovernanceJudgementsAsync("2008-09-30"));
            return strictThemes.All(t => strictGovernance.GetValueOrDefault(t.Key) == t.Value);
        }, TimeSpan.FromSeconds(30));
        Assert.Empty(strictThemes.Where(t => strictGovernance.GetValueOrDefault(t.Key) != t.Value).Select(t => t.Key));
        Assert.DoesNotContain(strictThemes.Values, j => j.Rag == "Amber");
        await gateway.PutAsJsonAsync("/api/governance/tolerances/default", new { percent = 10.0 });
    }

    [Fact]
    public async Task A_target_set_through_the_API_rates_a_not_rated_year_at_once_in_the_theme_and_in_governance()
    {
        var gateway = fixture.Gateway;
        await gateway.DeleteAsync("/api/drugs/indicators/P16.I1/targets/2010?reason=test%20starts%20without%20one");
        await gateway.PostAsJsonAsync("/api/drugs/indicators/P16.I1/measurements", new { period = "2010/11 Q1", value = 200 });

        Assert.True(await PlatformFixture.EventuallyAsync(async () => (await GovernanceJudgementsAsync("2010-06-30"))["drugs/P16.I1"].Reason == "Not rated: no target for 2010/11.", TimeSpan.FromSeconds(20)));
        Assert.Equal("Not rated: no target for 2010/11.", (await ThemeJudgementsAsync("2010-06-30"))["drugs/P16.I1"].Reason);

        var set = await gateway.PutAsJsonAsync("/api/drugs/indicators/P16.I1/targets/2010", new { value = 720, reason = "LAA refresh, June 2010" });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var theme = (await ThemeJudgementsAsync("2010-06-30"))["drugs/P16.I1"];
        Assert.Equal("Green", theme.Rag);
        Assert.True(await PlatformFixture.EventuallyAsync(async () => (await GovernanceJudgementsAsync("2010-06-30"))["drugs/P16.I1"] == theme, TimeSpan.FromSeconds(20)),
            "Governance did not rate the indicator by the new target.");
    }

    private static IEnumerable<(string Period, int Months)> Periods(string frequency) => frequency switch
    {
        "Monthly" => [.. Enumerable.Range(4, 6).Select(m => ($"2008-{m:00}", 1)), ("2009-04", 1), ("2009-05", 1)],
        "Quarterly" => [("2008/09 Q1", 3), ("2008/09 Q2", 3), ("2009/10 Q1", 3)],
        _ => [("2007/08", 12), ("2008/09", 12)],
    };

    private async Task<bool> HeldByGovernanceAsync(IReadOnlyList<(string Theme, string Id, string Period, long Revision)> posted)
    {
        var held = (await fixture.Gateway.GetFromJsonAsync<JsonElement[]>("/api/governance/measurements"))!
            .ToDictionary(m => (m.GetProperty("theme").GetString()!, m.GetProperty("indicatorId").GetString()!, m.GetProperty("period").GetString()!), m => m.GetProperty("revision").GetInt64());
        return posted.All(p => held.TryGetValue((p.Theme, p.Id, p.Period), out var revision) && revision >= p.Revision);
    }

    private async Task<int> TargetsInGovernanceAsync()
    {
        var tree = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/governance/performance?asAt=2008-09-30");
        var later = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/governance/performance?asAt=2009-05-31");
        return new[] { tree, later }.Sum(t => t.GetProperty("priorities").EnumerateArray().SelectMany(p => p.GetProperty("plans").EnumerateArray())
            .SelectMany(p => p.GetProperty("indicators").EnumerateArray()).Count(i => i.GetProperty("heldBy").ValueKind == JsonValueKind.Null && i.GetProperty("hasTarget").GetBoolean()));
    }

    /// <summary>Each theme's judgement of its plans' indicators ("alcohol/P1.I1"), an indicator held elsewhere by its holder's.</summary>
    private async Task<Dictionary<string, Judged>> ThemeJudgementsAsync(string? asAt)
    {
        var judged = new Dictionary<string, Judged>();
        var held = new List<(string Key, string Holder)>();
        foreach (var theme in Themes)
        {
            var plans = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans" + (asAt is null ? "" : "?asAt=" + asAt));
            foreach (var i in plans.EnumerateArray().Where(p => p.GetProperty("number").GetInt32() <= 19).SelectMany(p => p.GetProperty("indicators").EnumerateArray()))
            {
                var key = $"{theme}/{i.GetProperty("id").GetString()}";
                if (i.GetProperty("heldBy") is { ValueKind: JsonValueKind.Object } h)
                {
                    held.Add((key, $"{h.GetProperty("theme").GetString()}/{h.GetProperty("indicatorId").GetString()}"));
                }
                else
                {
                    judged[key] = new Judged(i.GetProperty("rag").GetString()!, i.GetProperty("ragReason").GetString()!);
                }
            }
        }

        foreach (var (key, holder) in held)
        {
            judged[key] = judged[holder];
        }

        return judged;
    }

    private async Task<Dictionary<string, Judged>> GovernanceJudgementsAsync(string? asAt)
    {
        var tree = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/governance/performance" + (asAt is null ? "" : "?asAt=" + asAt));
        return tree.GetProperty("priorities").EnumerateArray().SelectMany(p => p.GetProperty("plans").EnumerateArray())
            .Where(p => p.GetProperty("number").GetInt32() <= 19)
            .SelectMany(p => p.GetProperty("indicators").EnumerateArray().Select(i => (Theme: p.GetProperty("theme").GetString()!, Indicator: i)))
            .ToDictionary(x => $"{x.Theme}/{x.Indicator.GetProperty("id").GetString()}",
                x => new Judged(x.Indicator.GetProperty("rag").GetString()!, x.Indicator.GetProperty("reason").GetString()!));
    }
}

/// <summary>A platform of its own: these tests give every indicator figures and targets, which would change what the other collections' tests read.</summary>
public sealed class OneRagRulePlatformFixture : PlatformFixture;

[CollectionDefinition(Name)]
public sealed class OneRagRuleCollection : ICollectionFixture<OneRagRulePlatformFixture>
{
    public const string Name = "one-rag-rule";
}
