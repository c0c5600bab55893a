using SafeCity.LocalPlatform;
using SafeCity.ServiceDefaults;

namespace SafeCity.Integration.Tests.Faults;

/// <summary>
/// A broker binds its ports seconds after it starts; a port from the kernel's ephemeral range could be
/// taken by an outgoing connection in between, and RabbitMQ would stop with dist_port_already_used.
/// </summary>
public sealed class BrokerPortTests
{
    [Fact]
    public void A_broker_and_a_cluster_take_their_ports_below_the_ephemeral_range_each_once()
    {
        var below = SlowListenerPorts.EphemeralRangeStart();
        // Nothing is started or written: a broker's ports are chosen when it is made.
        var folder = Path.Combine(Path.GetTempPath(), "safecity-ports-never-written");
        var single = new LocalBroker(folder);
        var cluster = new LocalBrokerCluster(Path.Combine(folder, "cluster"));

        int[] ports =
        [
            single.Port, single.EpmdPort, single.DistributionPort, cluster.EpmdPort,
            .. cluster.Nodes.SelectMany(n => new[] { n.Port, n.DistributionPort }),
        ];

        Assert.All(ports, p => Assert.InRange(p, 1024, below - 1));
        Assert.Equal(ports.Length, ports.Distinct().Count());
    }
}
