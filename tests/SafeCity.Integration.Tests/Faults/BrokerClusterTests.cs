using Xunit.Abstractions;

namespace SafeCity.Integration.Tests.Faults;

/// <summary>A platform whose broker is a cluster of three RabbitMQ nodes, the services' queues quorum queues.</summary>
public sealed class BrokerClusterFixture : PlatformFixture
{
    protected override int BrokerNodes => 3;
}

[CollectionDefinition(Name)]
public sealed class BrokerClusterCollection : ICollectionFixture<BrokerClusterFixture>
{
    public const string Name = "broker-cluster";
}

/// <summary>
/// The broker's nodes taken away one at a time while officers and partners write: the services carry
/// on through the other nodes by themselves, and every acknowledged write reaches governance exactly once.
/// </summary>
[Collection(BrokerClusterCollection.Name)]
public sealed class BrokerClusterTests(BrokerClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(333);

    [Fact]
    public async Task Every_write_acknowledged_while_the_services_node_stops_and_another_restarts_reaches_governance_exactly_once()
    {
        var cluster = fixture.Platform.BrokerCluster!;
        Assert.Equal(3, await cluster.RunningNodesAsync());
        var run = await SteadyWrites.StartAsync(fixture, "broker-cluster", 1900, "2001-04", Every);
        await Task.Delay(TimeSpan.FromSeconds(10));

        // The node most of the services are connected to.
        var connections = new Dictionary<SafeCity.LocalPlatform.LocalBroker, int>();
        foreach (var node in cluster.Nodes)
        {
            // Governance's watch of each node stays bound to its node: only the services' connections move.
            connections[node] = await node.ConnectionsAsync(except: SafeCity.Kernel.Messaging.BrokerNodesWatch.ConnectionName);
        }

        var busiest = connections.MaxBy(c => c.Value).Key;
        Assert.True(connections[busiest] > 0, "No service is connected to any node.");
        await busiest.StopAsync();
        var stoppedAt = DateTime.UtcNow;
        Assert.Equal(2, await cluster.RunningNodesAsync());

        // The services reconnect to the other nodes by themselves: every connection is back, on them.
        var total = connections.Values.Sum();
        var elsewhere = 0;
        var moved = await PlatformFixture.EventuallyAsync(async () =>
        {
            elsewhere = 0;
            foreach (var node in cluster.Nodes.Where(n => n != busiest))
            {
                elsewhere += await node.ConnectionsAsync(except: SafeCity.Kernel.Messaging.BrokerNodesWatch.ConnectionName);
            }

            return elsewhere >= total;
        }, TimeSpan.FromSeconds(60));
        var reconnectedIn = DateTime.UtcNow - stoppedAt;
        await Task.Delay(TimeSpan.FromSeconds(10));

        await busiest.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));

        var second = cluster.Nodes.First(n => n != busiest);
        await second.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        await second.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var writes = await run.StopAsync();

        var reckoning = await Reckoning.SettleAsync(fixture, run, writes, TimeSpan.FromSeconds(120));
        output.WriteLine($"Node {busiest.Port} ({connections[busiest]} of {total} connections) stopped; {elsewhere} connections on the other two after {reconnectedIn.TotalSeconds:0} s; node {second.Port} restarted: " + reckoning.Figures);
        Assert.True(moved, $"{elsewhere} connections on the other nodes of the {total} there were, a minute after node {busiest.Port} stopped.");
        Assert.True(reckoning.Lost == 0 && reckoning.Duplicated == 0, reckoning.ToString());
        Assert.Equal(reckoning.Sent, reckoning.Acknowledged);
        Assert.Equal(reckoning.Acknowledged, reckoning.Delivered);
        Assert.Equal(3, await cluster.RunningNodesAsync());
    }
}
