using System.Globalization;
using SafeCity.ServiceDefaults;

namespace SafeCity.LocalPlatform;

/// <summary>
/// A private RabbitMQ node from Debian's rabbitmq-server, with its own port, data folder and epmd,
/// started in the foreground so that it can be stopped by its own process id. The data folder
/// survives a stop, so a restarted broker keeps its durable queues.
/// </summary>
public sealed class LocalBroker : IAsyncDisposable
{
    public const string RabbitMqBin = "/usr/lib/rabbitmq/bin";

    private readonly bool _ownEpmd;
    private readonly string _home;
    private ChildProcess? _node;
    private ChildProcess? _epmd;

    /// <param name="home">For a node of a cluster: the HOME its members share (their Erlang cookie); else its own folder.</param>
    /// <param name="epmdPort">For a node of a cluster: the port mapper its members share, which the cluster runs; else the node runs its own.</param>
    public LocalBroker(string dataDirectory, int? port = null, string? home = null, int? epmdPort = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port ?? SlowListenerPorts.Next();
        _ownEpmd = epmdPort is null;
        EpmdPort = epmdPort ?? SlowListenerPorts.Next();
        DistributionPort = SlowListenerPorts.Next();
        _home = home ?? DataDirectory;
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public int EpmdPort { get; }
    public int DistributionPort { get; }

    /// <summary>The Erlang node name, e.g. safecity5672@localhost.</summary>
    public string NodeName => string.Create(CultureInfo.InvariantCulture, $"safecity{Port}@localhost");

    /// <summary>The node's address as MassTransit's cluster takes it (host:port, no scheme).</summary>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The address services are given as ConnectionStrings:broker.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{Port}/");

    public bool IsRunning => _node is { HasExited: false };

    /// <summary>The node's exit code when it ended without being stopped through this object (killed, crashed); else null.</summary>
    public int? StoppedUnasked => _node is { HasExited: true } node ? node.ExitCode ?? -1 : null;

    /// <summary>The node's log (what it printed).</summary>
    public string LogFile => Path.Combine(DataDirectory, "log", "rabbitmq.out");

    /// <summary>The broker's processes (the node and its epmd), for measuring them.</summary>
    public IEnumerable<int> ProcessIds => new[] { _node, _epmd }.Where(p => p is { HasExited: false }).Select(p => p!.Id);

    public static bool IsInstalled => File.Exists(Path.Combine(RabbitMqBin, "rabbitmq-server"));

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"RabbitMQ is not installed ({RabbitMqBin}/rabbitmq-server): run 'apt-get install -y rabbitmq-server', or ./safecity, which installs it.");
        }

        if (IsRunning)
        {
            return;
        }

        OwnerOnly.CreateDirectory(DataDirectory);
        await OwnerOnly.WriteAllTextAsync(Path.Combine(DataDirectory, "enabled_plugins"), "[].", ct);
        await OwnerOnly.WriteAllTextAsync(Path.Combine(DataDirectory, "rabbitmq.conf"),
            string.Create(CultureInfo.InvariantCulture, $"listeners.tcp.default = 127.0.0.1:{Port}\nloopback_users.guest = true\n"), ct);

        var logs = Path.Combine(DataDirectory, "log");
        if (_ownEpmd)
        {
            _epmd ??= ChildProcess.Start("epmd", "epmd", ["-port", EpmdPort.ToString(CultureInfo.InvariantCulture)], Environment(), Path.Combine(logs, "epmd.out"));
        }

        // A node that was killed is disposed of before it is started again.
        await StopAsync();
        _node = ChildProcess.Start("rabbitmq", Path.Combine(RabbitMqBin, "rabbitmq-server"), [], Environment(), LogFile);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!await FreePort.AcceptsAsync(Port, timeout.Token))
        {
            if (_node.HasExited)
            {
                throw new InvalidOperationException($"RabbitMQ exited while starting:{System.Environment.NewLine}{_node.Tail()}");
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>Stops the node (gracefully), keeping its data for a later <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
            _node = null;
        }
    }

    /// <summary>Kills the node with SIGKILL, as the out-of-memory killer would: no graceful stop; its port mapper stays.</summary>
    public async Task KillAsync()
    {
        if (_node is not null)
        {
            await _node.KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_epmd is not null)
        {
            await _epmd.DisposeAsync();
            _epmd = null;
        }
    }

    /// <summary>Runs rabbitmqctl against this node and returns what it printed; throws with its output if it fails.</summary>
    public async Task<string> ControlAsync(CancellationToken ct, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(Path.Combine(RabbitMqBin, "rabbitmqctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(NodeName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Environment())
        {
            info.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("rabbitmqctl did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} on {NodeName} failed ({process.ExitCode}): {await output}{await errors}");
    }

    /// <summary>
    /// How many clients are connected to this node now (rabbitmqctl lists the whole cluster's: "client -> node"),
    /// leaving out those whose connection name contains <paramref name="except"/> (a watch bound to this node).
    /// </summary>
    public async Task<int> ConnectionsAsync(CancellationToken ct = default, string? except = null) =>
        (await ControlAsync(ct, "list_connections", "--quiet", "--no-table-headers", "name", "client_properties")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Count(c => c.Contains(" -> " + Address + "\t", StringComparison.Ordinal) && (except is null || !c.Contains(except, StringComparison.Ordinal)));

    private Dictionary<string, string?> Environment()
    {
        var node = NodeName;
        return new()
        {
            ["HOME"] = _home,
            ["PATH"] = RabbitMqBin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["RABBITMQ_CONF_ENV_FILE"] = "/dev/null",
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(DataDirectory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(DataDirectory, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(DataDirectory, "rabbit.pid"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(DataDirectory, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(DataDirectory, "enabled_plugins"),
            ["ERL_EPMD_PORT"] = EpmdPort.ToString(CultureInfo.InvariantCulture),
        };
    }
}
