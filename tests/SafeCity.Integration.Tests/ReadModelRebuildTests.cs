using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SafeCity.Contracts.Identity;

namespace SafeCity.Integration.Tests;

/// <summary>Governance's read model rebuilt from the theme services equals the one the events built.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ReadModelRebuildTests(PlatformFixture fixture)
{
    [Fact]
    public async Task A_rebuild_from_the_themes_equals_the_live_model_and_a_lost_model_is_rebuilt_at_start()
    {
        // Some changes in three themes, then wait until governance has them all.
        Assert.Equal(HttpStatusCode.Created, (await fixture.Gateway.PostAsJsonAsync("/api/violence/indicators/P3.I1/measurements", new { period = "2008-05", value = 412 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Gateway.PutAsJsonAsync("/api/drugs/actions/P16.A1", new { status = "InProgress", rag = "Amber", commentary = "Rebuild test" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Gateway.PostAsJsonAsync("/api/youth/indicators/P9.I1/measurements", new { period = "2008/09 Q1", value = 12 })).StatusCode);

        JsonElement report = default;
        var equal = await PlatformFixture.EventuallyAsync(async () =>
        {
            report = await RebuildAsync(apply: false);
            return report.GetProperty("differences").GetArrayLength() == 0;
        }, TimeSpan.FromSeconds(30));
        Assert.True(equal, "Rebuilt and live models still differ: " + report.GetProperty("differences"));
        Assert.Equal(7, report.GetProperty("themes").GetArrayLength());
        // 19 plans and 139 actions at least, plus the measurements written above.
        Assert.True(report.GetProperty("itemsRebuilt").GetInt32() >= 19 + 139 + 2, report.ToString());
        Assert.Equal(report.GetProperty("itemsRebuilt").GetInt32(), report.GetProperty("itemsHeldBefore").GetInt32());

        // Governance loses its store: it starts with an empty model and rebuilds it from the themes by itself.
        await fixture.Platform.StopServiceAsync("governance");
        foreach (var file in Directory.GetFiles(fixture.Platform.DataDirectory, "governance.db*"))
        {
            File.Delete(file);
        }

        await fixture.Platform.StartServiceAsync("governance");
        JsonElement after = default;
        var restored = await PlatformFixture.EventuallyAsync(async () =>
        {
            after = await RebuildAsync(apply: false);
            return after.GetProperty("itemsHeldBefore").GetInt32() > 0 && after.GetProperty("differences").GetArrayLength() == 0;
        }, TimeSpan.FromSeconds(60));
        Assert.True(restored, "Governance did not rebuild its lost read model: " + after);
        Assert.Equal(report.GetProperty("itemsRebuilt").GetInt32(), after.GetProperty("itemsHeldBefore").GetInt32());
        Assert.Equal(412.0, (await fixture.GovernanceIndicatorAsync("P3.I1"))!.Value.GetProperty("latestValue").GetDouble());

        // An administrator's rebuild of a model that is whole changes nothing.
        var again = await RebuildAsync(apply: true);
        var outcome = again.GetProperty("outcome");
        Assert.Equal((0, 0, 0), (outcome.GetProperty("restored").GetInt32(), outcome.GetProperty("corrected").GetInt32(), outcome.GetProperty("removed").GetInt32()));
    }

    [Fact]
    public async Task Only_an_administrator_may_rebuild()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };
        var refused = await anonymous.PostAsync("/api/governance/rebuild", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // Signed in, but not an administrator: the PMG, a theme's officer, an analyst, the Delivery Board.
        foreach (var role in new[] { PlatformRoles.PerformanceManagementGroup, "officer:alcohol", PlatformRoles.Analyst, PlatformRoles.DeliveryBoard })
        {
            using var person = SafeCity.LocalPlatform.SignedCalls.ToService(fixture.Platform.Keys, "governance", "someone", [role]);
            person.BaseAddress = fixture.Platform.Endpoints["governance"].Http;
            var forbidden = await person.PostAsync("/api/governance/rebuild?apply=false", null);
            Assert.True(forbidden.StatusCode == HttpStatusCode.Forbidden, $"{role}: {(int)forbidden.StatusCode} {await forbidden.Content.ReadAsStringAsync()}");
        }

        // The same call as an administrator is served: the refusals above are the role's, not the call's.
        using var administrator = SafeCity.LocalPlatform.SignedCalls.ToService(fixture.Platform.Keys, "governance", "someone", [PlatformRoles.Administrator]);
        administrator.BaseAddress = fixture.Platform.Endpoints["governance"].Http;
        Assert.Equal(HttpStatusCode.OK, (await administrator.PostAsync("/api/governance/rebuild?apply=false", null)).StatusCode);
    }

    private async Task<JsonElement> RebuildAsync(bool apply)
    {
        var response = await fixture.Gateway.PostAsync($"/api/governance/rebuild?apply={(apply ? "true" : "false")}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
