using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace SafeCity.Integration.Tests.Faults;

/// <summary>
/// The broker killed as the out-of-memory killer would, under the supervisor ./safecity run starts:
/// it is announced, started again, and the figures written before, during and after reach governance
/// exactly once, soon after it is back.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class BrokerSupervisionTests(FaultPlatformFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(333);

    [Fact]
    public async Task The_broker_killed_is_announced_restarted_and_every_figure_reaches_governance_exactly_once_within_30_s_of_its_return()
    {
        var said = new ConcurrentQueue<string>();
        var run = await SteadyWrites.StartAsync(fixture, "broker-killed", 1980, "2001-07", Every);
        await Task.Delay(TimeSpan.FromSeconds(5));
        DateTime back;
        await using (fixture.Platform.Supervise(said.Enqueue))
        {
            // SIGKILL with figures in flight; the writes go on while it is down.
            await fixture.Platform.Broker.KillAsync();
            Assert.True(await PlatformFixture.EventuallyAsync(() => Task.FromResult(said.Contains("broker is back")), TimeSpan.FromSeconds(90)),
                "The supervisor said: " + string.Join(" | ", said));
            back = DateTime.UtcNow;
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var writes = await run.StopAsync();

        var reckoning = await Reckoning.SettleAsync(fixture, run, writes, back + TimeSpan.FromSeconds(30) - DateTime.UtcNow);
        var settled = DateTime.UtcNow - back;
        output.WriteLine($"Broker killed and restarted; settled {settled.TotalSeconds:0.0} s after its return: " + reckoning.Figures);
        Assert.Equal(["broker stopped (killed) — restarted in 2 s", "broker is back"], said);
        Assert.True(reckoning.Lost == 0 && reckoning.Duplicated == 0, reckoning.ToString());
        Assert.Equal(reckoning.Sent, reckoning.Acknowledged);
        Assert.Equal(reckoning.Acknowledged, reckoning.Delivered);
        Assert.True(settled <= TimeSpan.FromSeconds(30), $"Governance held every figure only {settled.TotalSeconds:0} s after the broker's return.");
        Assert.True(fixture.Platform.Broker.IsRunning);
    }
}
