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

    private ChildProcess? _node;
    private ChildProcess? _epmd;

    public LocalBroker(string dataDirectory, int? port = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port ?? FreePort.Next();
        EpmdPort = FreePort.Next();
        DistributionPort = FreePort.Next();
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public int EpmdPort { get; }
    public int DistributionPort { get; }

    /// <summary>The address services are given as ConnectionStrings:broker.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{Port}/");

    public bool IsRunning => _node is { HasExited: false };

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
        _epmd ??= ChildProcess.Start("epmd", "epmd", ["-port", EpmdPort.ToString(CultureInfo.InvariantCulture)], Environment(), Path.Combine(logs, "epmd.out"));
        _node = ChildProcess.Start("rabbitmq", Path.Combine(RabbitMqBin, "rabbitmq-server"), [], Environment(), Path.Combine(logs, "rabbitmq.out"));

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

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_epmd is not null)
        {
            await _epmd.DisposeAsync();
            _epmd = null;
        }
    }

    private Dictionary<string, string?> Environment()
    {
        var node = string.Create(CultureInfo.InvariantCulture, $"safecity{Port}@localhost");
        return new()
        {
            ["HOME"] = DataDirectory,
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
