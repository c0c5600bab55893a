using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using SafeCity.Contracts.Identity;
using SafeCity.Contracts.Records;

namespace SafeCity.Integration.Tests.Security;

/// <summary>Availability: one part down never takes the rest down, nor the only way in.</summary>
public sealed partial class GatewaySecurityTests
{
    [Fact]
    public async Task One_theme_killed_leaves_the_gateway_ready_partners_signing_in_the_others_serving_and_its_pages_saying_it_is_unavailable()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.40");
        const string organisation = "/account/organisations/hampshire-fire-and-rescue";
        var (clientId, secret) = await IssueClientAsync(admin, organisation, "IRS while drugs is down");
        using var http = new HttpClient { BaseAddress = Gateway };

        // Governance has heard from drugs since it started (it asks every 10 s): its figures are current.
        Assert.True(await PlatformFixture.EventuallyAsync(async () => (await SourceAsync("drugs")).GetProperty("state").GetString() == "available", TimeSpan.FromSeconds(30)));
        await fixture.Platform.KillServiceAsync("drugs");
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);

            using var token = await http.PostAsync("/connect/token", ClientCredentials(clientId, secret));
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
            var routes = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("routes");
            Assert.Equal("asb-arson", routes.GetProperty("Fire incident")[0].GetString());

            // A gateway that starts while drugs is down is ready at once, and has never heard drugs' categories:
            // what an organisation may share cannot be changed then, since saving would drop them.
            await fixture.Platform.StopServiceAsync("gateway");
            await fixture.Platform.StartServiceAsync("gateway");
            Assert.Contains("The drugs service is not answering", await admin.PageAsync(organisation), StringComparison.Ordinal);
            using var narrowed = await admin.PostAsync(organisation + "/categories", [new("categories", "Fire incident")], organisation);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, narrowed.StatusCode);
            Assert.Contains("nothing was changed", await narrowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var page = await admin.GetAsync("/drugs/");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.NotNull(page.Headers.RetryAfter);
            Assert.Contains("The drugs service is not answering", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var api = await fixture.Gateway.GetAsync("/api/drugs/plans/16");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("drugs", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("service").GetString());

            using var channel = fixture.Channel();
            var refused = await Assert.ThrowsAsync<RpcException>(() => new PartnerRecords.PartnerRecordsClient(channel)
                .SubmitRecordAsync(new RecordSubmission { Reference = "while-down", Category = "Class A offence", Month = "2008-10" }, new Metadata { { "safecity-theme", "drugs" } }).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, refused.StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await fixture.Gateway.GetAsync("/api/alcohol/plans/1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Gateway.GetAsync("/api/governance/performance")).StatusCode);
            Assert.True(await PlatformFixture.EventuallyAsync(async () => await StateAsync(http, "drugs") == "down", TimeSpan.FromSeconds(20)), "/status never said drugs was down.");
            Assert.Equal("up", await StateAsync(http, "alcohol"));

            // Governance goes on showing the theme's figures, saying since when they are current.
            Assert.True(await PlatformFixture.EventuallyAsync(async () => (await SourceAsync("drugs")).GetProperty("state").GetString() == "unavailable", TimeSpan.FromSeconds(30)),
                "Governance never said the drugs theme was unavailable.");
            var source = await SourceAsync("drugs");
            Assert.StartsWith("as of ", source.GetProperty("note").GetString());
            Assert.Equal(JsonValueKind.String, source.GetProperty("asOf").ValueKind);
            Assert.Equal("available", (await SourceAsync("alcohol")).GetProperty("state").GetString());
            Assert.Contains("Figures from drugs: as of ", await admin.PageAsync("/"), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Platform.StartServiceAsync("drugs");
        }

        Assert.True(await PlatformFixture.EventuallyAsync(async () => await StateAsync(http, "drugs") == "up", TimeSpan.FromSeconds(20)), "/status never said drugs was back.");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Gateway.GetAsync("/api/drugs/plans/16")).StatusCode);
        Assert.True(await PlatformFixture.EventuallyAsync(async () => (await SourceAsync("drugs")).GetProperty("state").GetString() == "available", TimeSpan.FromSeconds(30)),
            "Governance never said the drugs theme was back.");
        Assert.DoesNotContain("Figures from drugs", await admin.PageAsync("/"), StringComparison.Ordinal);
    }

    private async Task<JsonElement> SourceAsync(string theme)
    {
        var tree = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/governance/performance");
        return tree.GetProperty("priorities").EnumerateArray().Single(p => p.GetProperty("theme").GetString() == theme).GetProperty("source");
    }

    [Fact]
    public async Task A_theme_that_dies_is_started_again_by_the_supervisor_which_says_so()
    {
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var http = new HttpClient { BaseAddress = Gateway };
        var killed = fixture.Platform.ProcessId("youth");
        await using (fixture.Platform.Supervise(said.Enqueue))
        {
            // As the kernel would end it (out of memory) or an operator's kill -9: not through the host.
            System.Diagnostics.Process.GetProcessById(killed).Kill();

            Assert.True(await PlatformFixture.EventuallyAsync(() => Task.FromResult(said.Contains("youth is back")), TimeSpan.FromSeconds(60)),
                "The supervisor said: " + string.Join(" | ", said));
        }

        Assert.Contains("youth stopped (killed) — restarted in 2 s", said);
        Assert.NotEqual(killed, fixture.Platform.ProcessId("youth"));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Gateway.GetAsync("/api/youth/plans/7")).StatusCode);
        Assert.True(await PlatformFixture.EventuallyAsync(async () => await StateAsync(http, "youth") == "up", TimeSpan.FromSeconds(20)));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    public void Each_stop_within_ten_minutes_waits_longer_before_the_next_start(int stops, int seconds)
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(TimeSpan.FromSeconds(seconds), SafeCity.LocalPlatform.RestartPolicy.Next([.. Enumerable.Range(0, stops).Select(i => now.AddMinutes(-i))], now));
    }

    [Fact]
    public void A_sixth_stop_within_ten_minutes_leaves_the_service_down_and_older_stops_do_not_count()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Null(SafeCity.LocalPlatform.RestartPolicy.Next([.. Enumerable.Range(0, 6).Select(i => now.AddMinutes(-i))], now));
        Assert.Equal(TimeSpan.FromSeconds(2), SafeCity.LocalPlatform.RestartPolicy.Next([now.AddMinutes(-30), now.AddMinutes(-20), now], now));
    }

    [Fact]
    public async Task Status_says_up_or_down_to_anyone_and_since_when_and_why_to_administrators_alone()
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await anonymous.SendAsync(request);
        var parts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parts").EnumerateArray().ToList();
        using var admin = await fixture.AdministratorAsync("127.0.0.41");
        using var asAdministrator = new HttpRequestMessage(HttpMethod.Get, "/status");
        asAdministrator.Headers.Accept.ParseAdd("application/json");
        using var detailed = await admin.SendAsync(asAdministrator);
        var adminParts = (await detailed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parts").EnumerateArray().ToList();

        // The broker and the eight services; each service's end of the event path for administrators alone.
        Assert.Equal(["broker", "governance", .. SafeCity.LocalPlatform.PlatformService.Themes.Select(t => t.Name)], parts.Select(p => p.GetProperty("name").GetString()));
        Assert.All(parts, p => Assert.Equal(["name", "state"], p.EnumerateObject().Select(o => o.Name)));
        Assert.All(adminParts, p => Assert.Equal(JsonValueKind.String, p.GetProperty("since").ValueKind));
        Assert.All(adminParts.Skip(1), p => Assert.Equal(JsonValueKind.Object, p.GetProperty("eventPath").ValueKind));
        Assert.DoesNotContain("Event path", await anonymous.GetStringAsync("/status"), StringComparison.Ordinal);
        Assert.DoesNotContain("Since", await anonymous.GetStringAsync("/status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demonstration_year_is_refused_once_the_platform_holds_anything_beyond_its_first_administrator()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.42");
        await admin.CreateAccountAsync("demo.refused.analyst", PlatformRoles.Analyst);

        var page = await admin.PageAsync("/account/demonstration");
        // The refusing page offers no form: the session's antiforgery token is taken from another page.
        using var fill = await admin.PostAsync("/account/demonstration", [], "/account/users");

        Assert.Contains("This platform holds real work (", page, StringComparison.Ordinal);
        Assert.Matches("[0-9]+ accounts", page);
        Assert.Contains("account created", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, fill.StatusCode);
        Assert.DoesNotContain("demonstration-banner", await admin.PageAsync("/"), StringComparison.Ordinal);
    }

    private static async Task<string?> StateAsync(HttpClient http, string part)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await http.SendAsync(request);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        return status.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("name").GetString() == part).GetProperty("state").GetString();
    }
}
