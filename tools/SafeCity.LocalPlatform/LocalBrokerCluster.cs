using System.Globalization;
using System.Security.Cryptography;
using SafeCity.ServiceDefaults;

namespace SafeCity.LocalPlatform;

/// <summary>
/// RabbitMQ as a cluster of nodes on this machine, from Debian's package: each node its own port and
/// data, all sharing one Erlang cookie (their HOME) and one port mapper, the second and later nodes
/// joined to the first. Services are given every node's address and keep their queues as quorum
/// queues, on a majority of the nodes, so any one node can stop without losing a message.
/// </summary>
public sealed class LocalBrokerCluster : IAsyncDisposable
{
    private readonly string _home;
    private ChildProcess? _epmd;

    public LocalBrokerCluster(string dataDirectory, int size = 3)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        _home = Path.Combine(DataDirectory, "home");
        EpmdPort = SlowListenerPorts.Next();
        Nodes = Enumerable.Range(1, size)
            .Select(i => new LocalBroker(Path.Combine(DataDirectory, "node" + i.ToString(CultureInfo.InvariantCulture)), home: _home, epmdPort: EpmdPort))
            .ToList();
    }

    public string DataDirectory { get; }
    public int EpmdPort { get; }
    public IReadOnlyList<LocalBroker> Nodes { get; }

    public IEnumerable<int> ProcessIds => Nodes.SelectMany(n => n.ProcessIds).Concat(_epmd is { HasExited: false } e ? [e.Id] : []);

    public async Task StartAsync(CancellationToken ct = default)
    {
        OwnerOnly.CreateDirectory(_home);
        var cookie = Path.Combine(_home, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            // Written before any node starts, so that no two make their own.
            await OwnerOnly.WriteAllTextAsync(cookie, RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 32), ct);
        }

        _epmd ??= ChildProcess.Start("epmd", "epmd", ["-port", EpmdPort.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?> { ["HOME"] = _home }, Path.Combine(DataDirectory, "epmd.out"));
        var first = Nodes[0];
        var joined = Directory.Exists(Path.Combine(first.DataDirectory, "mnesia"));
        await Task.WhenAll(Nodes.Select(n => n.StartAsync(ct)));
        if (joined)
        {
            return;
        }

        foreach (var node in Nodes.Skip(1))
        {
            await node.ControlAsync(ct, "stop_app");
            await node.ControlAsync(ct, "join_cluster", first.NodeName);
            await node.ControlAsync(ct, "start_app");
        }
    }

    /// <summary>The nodes the first running node counts as running in its cluster.</summary>
    public async Task<int> RunningNodesAsync(CancellationToken ct = default)
    {
        var node = Nodes.First(n => n.IsRunning);
        var status = await node.ControlAsync(ct, "cluster_status", "--formatter", "json");
        using var json = System.Text.Json.JsonDocument.Parse(status);
        return json.RootElement.GetProperty("running_nodes").GetArrayLength();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        if (_epmd is not null)
        {
            await _epmd.DisposeAsync();
            _epmd = null;
        }
    }
}
