using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SafeCity.Integration.Tests.Faults;

/// <summary>
/// The event path made visible: while the broker is away /status says so, a theme's own report counts
/// what waits in its outbox and since when, and governance's pages and JSON say the theme's figures are
/// pending; once it is back the backlog drains and every notice goes. (This platform counts events
/// overdue after <see cref="FaultPlatformFixture.EventsOverdueSeconds"/> s rather than a minute.)
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class EventPathTests(FaultPlatformFixture fixture)
{
    [Fact]
    public async Task While_the_broker_is_away_status_the_themes_report_and_governances_pages_say_so_and_all_clears_once_it_is_back()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };
        using var alcohol = new HttpClient { BaseAddress = fixture.Platform.Endpoints["alcohol"].Http };
        Assert.True(await PlatformFixture.EventuallyAsync(async () => await BrokerStateAsync(anonymous) == "up", TimeSpan.FromSeconds(30)), "/status never said the broker was up.");
        // Calm first: a test before this one may have stopped the broker, and alcohol's bus reconnects a moment after it is back.
        var calm = default(JsonElement);
        Assert.True(await PlatformFixture.EventuallyAsync(async () =>
        {
            calm = await alcohol.GetFromJsonAsync<JsonElement>("/event-path");
            return calm.GetProperty("brokerConnected").GetBoolean() && calm.GetProperty("backlog").GetInt32() == 0;
        }, TimeSpan.FromSeconds(60)), "Alcohol's event path was never calm: " + calm);

        var plans = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/alcohol/plans");
        var indicator = plans.EnumerateArray().Last().GetProperty("indicators")[0].GetProperty("id").GetString()!;
        await fixture.Platform.Broker.StopAsync();
        JsonElement waiting;
        JsonElement source;
        string page;
        try
        {
            using var written = await fixture.Gateway.PostAsJsonAsync($"/api/alcohol/indicators/{indicator}/measurements", new { period = "1999-12", value = 42 });
            Assert.Equal(HttpStatusCode.Created, written.StatusCode);
            Assert.True(await PlatformFixture.EventuallyAsync(async () => await BrokerStateAsync(anonymous) == "down", TimeSpan.FromSeconds(30)), "/status never said the broker was down.");

            // Governance asks the themes every few seconds; the event is overdue after a few more.
            Assert.True(await PlatformFixture.EventuallyAsync(async () => (await SourceAsync("alcohol")).GetProperty("state").GetString() == "pending", TimeSpan.FromSeconds(60)),
                "Governance never said alcohol's figures were pending: " + await SourceAsync("alcohol"));
            waiting = await alcohol.GetFromJsonAsync<JsonElement>("/event-path");
            source = await SourceAsync("alcohol");
            page = await fixture.Gateway.GetStringAsync("/");
        }
        finally
        {
            await fixture.Platform.Broker.StartAsync();
        }

        Assert.False(waiting.GetProperty("brokerConnected").GetBoolean());
        Assert.True(waiting.GetProperty("backlog").GetInt32() >= 1);
        var since = waiting.GetProperty("oldestPendingSince").GetDateTimeOffset();
        Assert.True(DateTimeOffset.UtcNow - since < TimeSpan.FromMinutes(2));
        var time = TimeZoneInfo.ConvertTime(since, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"pending since {time}: the message broker is unavailable", source.GetProperty("note").GetString());
        Assert.Equal(since, source.GetProperty("asOf").GetDateTimeOffset());
        Assert.Contains($"Figures from alcohol pending since {time}: the message broker is unavailable.", page, StringComparison.Ordinal);

        // Back: the outbox drains by itself, the figure reaches governance, and the notices go.
        Assert.True(await PlatformFixture.EventuallyAsync(async () => (await alcohol.GetFromJsonAsync<JsonElement>("/event-path")).GetProperty("backlog").GetInt32() == 0, TimeSpan.FromSeconds(30)),
            "Alcohol's outbox did not drain after the broker came back.");
        Assert.True(await PlatformFixture.EventuallyAsync(async () => (await SourceAsync("alcohol")).GetProperty("state").GetString() == "available", TimeSpan.FromSeconds(30)));
        Assert.True(await PlatformFixture.EventuallyAsync(async () => await BrokerStateAsync(anonymous) == "up", TimeSpan.FromSeconds(30)));
        // The broker has taken the event; governance consumes it a moment later.
        Assert.True(await PlatformFixture.EventuallyAsync(async () => (await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/governance/measurements?theme=alcohol&indicator={indicator}"))
            .EnumerateArray().Any(m => m.GetProperty("period").GetString() == "1999-12" && m.GetProperty("value").GetDouble() == 42), TimeSpan.FromSeconds(30)),
            "Governance never held the figure written while the broker was away.");
        Assert.DoesNotContain("pending since", await fixture.Gateway.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/event-path")]
    [InlineData("/metrics")]
    public async Task The_event_path_and_metrics_are_the_platforms_own_and_never_answered_at_the_edge(string path)
    {
        using var governance = new HttpClient { BaseAddress = fixture.Platform.Endpoints["governance"].Http };
        using var direct = await governance.GetAsync(path);
        using var atTheEdge = await fixture.Gateway.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, atTheEdge.StatusCode);
    }

    [Fact]
    public async Task A_services_metrics_carry_the_event_paths_figures_for_a_prometheus_scrape()
    {
        using var governance = new HttpClient { BaseAddress = fixture.Platform.Endpoints["governance"].Http };
        using var alcohol = new HttpClient { BaseAddress = fixture.Platform.Endpoints["alcohol"].Http };
        var plans = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/alcohol/plans");
        var indicator = plans.EnumerateArray().Last().GetProperty("indicators")[0].GetProperty("id").GetString()!;
        using var written = await fixture.Gateway.PostAsJsonAsync($"/api/alcohol/indicators/{indicator}/measurements", new { period = "1999-11", value = 7 });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);

        // Governance has consumed the event: its lag is measured from the write.
        var scraped = "";
        Assert.True(await PlatformFixture.EventuallyAsync(async () => (scraped = await governance.GetStringAsync("/metrics")).Contains("safecity_events_lag_milliseconds_count", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            "Governance's /metrics: " + scraped[..Math.Min(scraped.Length, 2000)]);
        var themes = await alcohol.GetStringAsync("/metrics");
        Assert.Contains("safecity_outbox_backlog", themes, StringComparison.Ordinal);
        Assert.Contains("safecity_outbox_oldest_age_seconds", themes, StringComparison.Ordinal);
        Assert.Contains("safecity_broker_connected", themes, StringComparison.Ordinal);
        var report = await governance.GetFromJsonAsync<JsonElement>("/event-path");
        Assert.True(report.GetProperty("consumers").GetProperty("consumed").GetInt64() >= 1);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("consumers").GetProperty("lagP99Ms").ValueKind);
    }

    private static async Task<string?> BrokerStateAsync(HttpClient anonymous)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await anonymous.SendAsync(request);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        return status.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "broker").GetProperty("state").GetString();
    }

    private async Task<JsonElement> SourceAsync(string theme)
    {
        var tree = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/governance/performance");
        return tree.GetProperty("priorities").EnumerateArray().First(p => p.GetProperty("theme").GetString() == theme).GetProperty("source");
    }
}
