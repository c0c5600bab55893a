using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Xunit.Abstractions;

namespace SafeCity.Integration.Tests.Faults;

/// <summary>
/// The broker, a theme and governance each taken away during a steady stream of writes to every
/// theme: afterwards every acknowledged write is in its theme and in governance exactly once.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class MessagingFaultTests(FaultPlatformFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(333);
    private static TimeSpan Seconds(int n) => TimeSpan.FromSeconds(n);

    [Fact]
    public async Task Every_write_acknowledged_while_the_broker_is_down_for_a_minute_reaches_governance_exactly_once()
    {
        var run = await SteadyWrites.StartAsync(fixture, "broker-down", 1900, "2001-01", Every);
        await Task.Delay(Seconds(10));
        await fixture.Platform.Broker.StopAsync();
        try
        {
            await Task.Delay(Seconds(60));
        }
        finally
        {
            await fixture.Platform.Broker.StartAsync();
        }

        await Task.Delay(Seconds(10));
        var writes = await run.StopAsync();

        var reckoning = await Reckoning.SettleAsync(fixture, run, writes, Seconds(120));
        output.WriteLine("Broker down for 60 s: " + reckoning.Figures);
        Assert.True(reckoning.Lost == 0 && reckoning.Duplicated == 0, reckoning.ToString());
        // The outbox keeps writes going while the broker is away: none was refused.
        Assert.Equal(reckoning.Sent, reckoning.Acknowledged);
        Assert.Equal(reckoning.Acknowledged, reckoning.Delivered);
    }

    [Fact]
    public async Task A_theme_killed_mid_stream_keeps_every_acknowledged_write_and_its_outbox_delivers_what_was_pending()
    {
        var run = await SteadyWrites.StartAsync(fixture, "theme-killed", 1935, "2001-02", Every);
        await Task.Delay(Seconds(5));
        // The broker away first, so that the theme's outbox holds events when it dies.
        await fixture.Platform.Broker.StopAsync();
        await Task.Delay(Seconds(5));
        await fixture.Platform.KillServiceAsync("asb-arson");
        await Task.Delay(Seconds(3));
        await fixture.Platform.StartServiceAsync("asb-arson");
        await fixture.Platform.Broker.StartAsync();
        await Task.Delay(Seconds(5));
        var writes = await run.StopAsync();

        var reckoning = await Reckoning.SettleAsync(fixture, run, writes, Seconds(120));
        output.WriteLine("asb-arson killed (SIGKILL) with its outbox pending: " + reckoning.Figures);
        Assert.True(reckoning.Lost == 0 && reckoning.Duplicated == 0, reckoning.ToString());
        // While it was down the gateway refused its writes: those were never acknowledged.
        Assert.Contains(writes, w => w.Theme == "asb-arson" && !w.Acknowledged);
        Assert.All(writes.Where(w => w.Theme != "asb-arson"), w => Assert.True(w.Acknowledged, w.Failure));
        // Written to asb-arson while the broker was away and before the kill: delivered after the restart.
        Assert.Equal(reckoning.HeldByThemes, reckoning.Delivered);
    }

    [Fact]
    public async Task Governance_killed_mid_stream_catches_up_and_redelivered_or_older_events_change_nothing()
    {
        var run = await SteadyWrites.StartAsync(fixture, "governance-down", 1970, "2001-03", Every);
        await Task.Delay(Seconds(5));
        await fixture.Platform.KillServiceAsync("governance");
        await Task.Delay(Seconds(20));
        await fixture.Platform.StartServiceAsync("governance");
        await Task.Delay(Seconds(5));
        var writes = await run.StopAsync();

        var reckoning = await Reckoning.SettleAsync(fixture, run, writes, Seconds(120));
        output.WriteLine("Governance killed for 20 s: " + reckoning.Figures);
        Assert.True(reckoning.Lost == 0 && reckoning.Duplicated == 0, reckoning.ToString());
        Assert.Equal(reckoning.Sent, reckoning.Acknowledged);
        Assert.Equal(reckoning.Acknowledged, reckoning.Delivered);

        // Events delivered again, and older ones, straight onto the real broker.
        var theme = "drugs";
        var indicator = run.Indicators[theme];
        var shown = await GovernanceAsync(theme, indicator);
        var (period, held) = shown.First();
        var before = await AlreadyHeldAsync();
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(fixture.Platform.Broker.ConnectionString)));
        await bus.StartAsync(new CancellationTokenSource(Seconds(30)).Token);
        try
        {
            await bus.Publish(PlatformFixture.Recorded(theme, indicator, period, held.Value + 500, held.Revision));
            await bus.Publish(PlatformFixture.Recorded(theme, indicator, period, held.Value + 900, held.Revision - 1));
            Assert.True(await PlatformFixture.EventuallyAsync(async () => await AlreadyHeldAsync() >= before + 2, Seconds(30)), "Governance did not consume the repeated events.");
        }
        finally
        {
            await bus.StopAsync();
        }

        Assert.Equal(held, (await GovernanceAsync(theme, indicator))[period]);
        var rebuild = await fixture.Gateway.PostAsync("/api/governance/rebuild?apply=false", null);
        var report = await rebuild.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("differences").GetArrayLength() == 0, "The read model differs from a rebuild: " + report.GetProperty("differences"));
    }

    private async Task<long> AlreadyHeldAsync() =>
        (await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/governance/events")).EnumerateArray().Sum(e => e.GetProperty("alreadyHeld").GetInt64());

    private async Task<Dictionary<string, (double Value, long Revision)>> GovernanceAsync(string theme, string indicator) =>
        (await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/governance/measurements?theme={theme}&indicator={indicator}"))
            .EnumerateArray().ToDictionary(m => m.GetProperty("period").GetString()!, m => (m.GetProperty("value").GetDouble(), m.GetProperty("revision").GetInt64()));

}
