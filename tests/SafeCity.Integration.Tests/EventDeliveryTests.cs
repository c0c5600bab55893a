using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;

namespace SafeCity.Integration.Tests;

[Collection(PlatformCollection.Name)]
public sealed class EventDeliveryTests(PlatformFixture fixture)
{
    private static TimeSpan Seconds(int n) => TimeSpan.FromSeconds(n);

    [Fact]
    public async Task An_officers_change_in_the_alcohol_service_reaches_governance_within_seconds()
    {
        var clock = Stopwatch.StartNew();
        var response = await fixture.Gateway.PostAsJsonAsync("/api/alcohol/indicators/P1.I7/measurements", new { period = "2008/09 Q1", value = 31 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var arrived = await PlatformFixture.EventuallyAsync(async () =>
            (await fixture.GovernanceIndicatorAsync("P1.I7"))?.GetProperty("latestValue").ValueKind == JsonValueKind.Number, TimeSpan.FromSeconds(10));

        Assert.True(arrived, "Governance did not show the new value within 10 s.");
        var indicator = (await fixture.GovernanceIndicatorAsync("P1.I7"))!.Value;
        Assert.Equal((31.0, "2008/09 Q1"), (indicator.GetProperty("latestValue").GetDouble(), indicator.GetProperty("latestPeriod").GetString()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task When_the_broker_is_stopped_the_outbox_delivers_what_was_written_once_it_is_back()
    {
        await fixture.Platform.Broker.StopAsync();
        try
        {
            // Its owner marks it apart from every other test's actions on this shared platform.
            var action = await fixture.Alcohol.PutAsJsonAsync("/api/alcohol/actions/P1.A5", new { status = "Delayed", rag = "Red", commentary = "Written while the broker was down", owner = "broker-stopped" });
            var measurement = await fixture.Alcohol.PostAsJsonAsync("/api/alcohol/indicators/P1.I6/measurements", new { period = "2008/09 Q2", value = 7 });
            Assert.Equal(HttpStatusCode.OK, action.StatusCode);
            Assert.Equal(HttpStatusCode.Created, measurement.StatusCode);

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.NotEqual(7.0, await LatestValueAsync("P1.I6"));
        }
        finally
        {
            await fixture.Platform.Broker.StartAsync();
        }

        var delivered = await PlatformFixture.EventuallyAsync(async () =>
            await LatestValueAsync("P1.I6") == 7,
            TimeSpan.FromSeconds(90));
        Assert.True(delivered, "The measurement written while the broker was down never reached governance.");

        // The action is past its due date and delayed, so governance lists it as its owner's work due (read as the gateway's reminder job does).
        using var reminders = SafeCity.LocalPlatform.SignedCalls.AsService(fixture.Platform.Keys, "gateway", "governance");
        reminders.BaseAddress = fixture.Platform.Endpoints["governance"].Http;
        var actionArrived = await PlatformFixture.EventuallyAsync(async () =>
            (await reminders.GetFromJsonAsync<JsonElement>("/api/governance/work-due")).EnumerateArray().Any(w =>
                w.GetProperty("owner").GetString() == "broker-stopped" && w.GetProperty("item").GetProperty("id").GetString() == "P1.A5"
                && w.GetProperty("item").GetProperty("status").GetString() == "Delayed"),
            TimeSpan.FromSeconds(30));
        Assert.True(actionArrived, "The action changed while the broker was down never reached governance.");
    }

    [Fact]
    public async Task Governance_ignores_a_redelivered_or_older_event_from_the_real_broker()
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(fixture.Platform.Broker.ConnectionString)));
        await bus.StartAsync(new CancellationTokenSource(Seconds(30)).Token);
        try
        {
            var newest = PlatformFixture.Recorded("alcohol", "P2.I1", "2007/08", 600, revision: 50);
            await bus.Publish(newest);
            Assert.True(await PlatformFixture.EventuallyAsync(async () => await LatestValueAsync("P2.I1") == 600, Seconds(20)));

            var heldBefore = await AlreadyHeldAsync();
            await bus.Publish(newest);
            await bus.Publish(PlatformFixture.Recorded("alcohol", "P2.I1", "2007/08", 900, revision: 49));

            // Both were consumed and both found the model holding as much or more: counted, not applied.
            Assert.True(await PlatformFixture.EventuallyAsync(async () => await AlreadyHeldAsync() >= heldBefore + 2, Seconds(20)),
                $"Governance did not consume the redelivered and the older event ({await AlreadyHeldAsync() - heldBefore} of 2 counted as already held).");
            Assert.Equal(600, await LatestValueAsync("P2.I1"));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>Measurements governance consumed and found it held already (redelivered or older), from its own tally.</summary>
    private async Task<long> AlreadyHeldAsync() =>
        (await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/governance/events")).EnumerateArray()
            .Where(c => c.GetProperty("message").GetString()!.Contains("MeasurementRecorded", StringComparison.Ordinal))
            .Sum(c => c.GetProperty("alreadyHeld").GetInt64());

    private async Task<double?> LatestValueAsync(string indicatorId) =>
        (await fixture.GovernanceIndicatorAsync(indicatorId))?.GetProperty("latestValue") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

}
