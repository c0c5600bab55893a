using System.Globalization;
using System.Reflection;

using SafeCity.ServiceDefaults;

namespace SafeCity.LocalPlatform;

public sealed class LocalPlatformOptions
{
    /// <summary>Where services keep their SQLite files, the broker its data, every process its log.</summary>
    public required string DataDirectory { get; init; }
    /// <summary>The gateway's browser port; 0 picks a free one.</summary>
    public int HttpPort { get; init; }
    /// <summary>The gateway's gRPC port; 0 picks a free one.</summary>
    public int GrpcPort { get; init; }
    /// <summary>Settings given to every service, e.g. "Outbox__PollInterval".</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    public string? RepositoryRoot { get; init; }
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>1: one RabbitMQ node; 3 (./safecity run --broker-cluster): a cluster, the services' queues quorum queues.</summary>
    public int BrokerNodes { get; init; } = 1;
}

/// <summary>Where a running service answers: its pages and API (HTTP/1.1) and its gRPC (HTTP/2).</summary>
public sealed record ServiceEndpoints(int HttpPort, int GrpcPort)
{
    public Uri Http => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/"));
    public Uri Grpc => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{GrpcPort}/"));
}

/// <summary>
/// The whole platform as processes on this machine: a private RabbitMQ, governance, every theme and
/// the gateway, started in that order (governance first so that its queues exist before the themes
/// publish), each waited for until its /health answers. Disposing stops them all, by their ids.
/// </summary>
// Plain processes rather than the Aspire AppHost: under Aspire each project costs about 230 MB more (the
// dotnet run wrapper and DCP), past what the platform is held to on these machines (docs/architecture.md).
public sealed class LocalPlatformHost : IAsyncDisposable
{
    private readonly LocalPlatformOptions _options;
    private readonly string _root;
    private readonly string _configuration;
    private readonly Dictionary<string, ChildProcess> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };

    private LocalPlatformHost(LocalPlatformOptions options)
    {
        _options = options;
        _root = options.RepositoryRoot ?? FindRepositoryRoot();
        _configuration = typeof(LocalPlatformHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        DataDirectory = Path.GetFullPath(options.DataDirectory);
        if (options.BrokerNodes > 1)
        {
            BrokerCluster = new LocalBrokerCluster(Path.Combine(DataDirectory, "broker-cluster"), options.BrokerNodes);
            Broker = BrokerCluster.Nodes[0];
        }
        else
        {
            Broker = new LocalBroker(Path.Combine(DataDirectory, "broker"));
        }

        GatewayHttpPort = options.HttpPort == 0 ? Hold(PlatformService.Gateway.Name) : options.HttpPort;
        GatewayGrpcPort = options.GrpcPort == 0 ? Hold(PlatformService.Gateway.Name) : options.GrpcPort;
        foreach (var service in Services.Append(PlatformService.Gateway))
        {
            Endpoints[service.Name] = service == PlatformService.Gateway
                ? new ServiceEndpoints(GatewayHttpPort, GatewayGrpcPort)
                : new ServiceEndpoints(Hold(service.Name), Hold(service.Name));
        }
    }

    public static IReadOnlyList<PlatformService> Services { get; } = [PlatformService.Governance, .. PlatformService.Themes];

    // Every service's ports are chosen up front (each is told the others'), and held until that service starts.
    private readonly Dictionary<string, List<FreePort.Reservation>> _held = [];

    private int Hold(string service)
    {
        var reservation = FreePort.Reserve();
        if (!_held.TryGetValue(service, out var list))
        {
            _held[service] = list = [];
        }

        list.Add(reservation);
        return reservation.Port;
    }

    private void Release(string service)
    {
        if (_held.Remove(service, out var list))
        {
            list.ForEach(r => r.Dispose());
        }
    }

    public string DataDirectory { get; }
    /// <summary>The broker the services are given first: the only node, or the cluster's first.</summary>
    public LocalBroker Broker { get; }

    /// <summary>Every node of the broker with the name the terminal and /status give it: "broker", or "broker node 1"… in a cluster.</summary>
    public IReadOnlyList<(string Name, LocalBroker Node)> BrokerNodes => BrokerCluster is { } cluster
        ? cluster.Nodes.Select((n, i) => (string.Create(CultureInfo.InvariantCulture, $"broker node {i + 1}"), n)).ToList()
        : [("broker", Broker)];

    /// <summary>The cluster, when the platform runs one.</summary>
    public LocalBrokerCluster? BrokerCluster { get; }

    /// <summary>The identity keys of this run: new for every start.</summary>
    public PlatformKeys Keys { get; } = new();
    public int GatewayHttpPort { get; }
    public int GatewayGrpcPort { get; }
    public Dictionary<string, ServiceEndpoints> Endpoints { get; } = [];

    public Uri GatewayHttp => Endpoints[PlatformService.Gateway.Name].Http;
    public Uri GatewayGrpc => Endpoints[PlatformService.Gateway.Name].Grpc;


    /// <summary>Where a running platform writes its host's process id, so that tools can tell it is running.</summary>
    public static string HostIdFile(string dataDirectory) => Path.Combine(dataDirectory, "platform.pid");

    /// <summary>The process id of a platform running on this data folder, or null.</summary>
    public static int? RunningHost(string dataDirectory)
    {
        if (!File.Exists(HostIdFile(dataDirectory)) || !int.TryParse(File.ReadAllText(HostIdFile(dataDirectory)).Trim(), out var id))
        {
            return null;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            return process.HasExited ? null : id;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static async Task<LocalPlatformHost> StartAsync(LocalPlatformOptions options, Action<string>? progress = null, CancellationToken ct = default)
    {
        var host = new LocalPlatformHost(options);
        try
        {
            // RabbitMQ and every service inherit it: whatever they write in the data folder is its owner's alone.
            OwnerOnly.ForEverythingCreated();
            OwnerOnly.CreateDirectory(host.DataDirectory);
            OwnerOnly.CreateDirectory(Path.GetDirectoryName(PlatformKeys.OperatorKeyFile(host.DataDirectory))!);
            await OwnerOnly.WriteAllTextAsync(PlatformKeys.OperatorKeyFile(host.DataDirectory), host.Keys.OperatorKeys, ct);
            await OwnerOnly.WriteAllTextAsync(HostIdFile(host.DataDirectory), System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ct);
            if (host.BrokerCluster is { } cluster)
            {
                progress?.Invoke($"Starting RabbitMQ as a cluster of {cluster.Nodes.Count} nodes on ports {string.Join(", ", cluster.Nodes.Select(n => n.Port))}…");
                await cluster.StartAsync(ct);
            }
            else
            {
                progress?.Invoke($"Starting RabbitMQ on port {host.Broker.Port}…");
                await host.Broker.StartAsync(ct);
            }

            await host.StartServiceAsync(PlatformService.Governance.Name, progress, ct);
            await Task.WhenAll(PlatformService.Themes.Select(t => host.StartServiceAsync(t.Name, progress, ct)));
            await host.StartServiceAsync(PlatformService.Gateway.Name, progress, ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one service (again) on its own ports and waits until it is ready.</summary>
    /// <param name="settings">Settings for this start only, over the platform's (e.g. a storage quota).</param>
    public async Task StartServiceAsync(string name, Action<string>? progress = null, CancellationToken ct = default, IReadOnlyDictionary<string, string>? settings = null)
    {
        var service = Services.Append(PlatformService.Gateway).Single(s => s.Name == name);
        var dll = service.AssemblyPath(_root, _configuration);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{service.Name} is not built ({dll}): run 'dotnet build SafeCityPlatform.sln -c {_configuration}' or ./safecity.", dll);
        }

        progress?.Invoke($"Starting {service.Name} on port {Endpoints[name].HttpPort}…");
        Release(name);
        var environment = Environment(service);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = ChildProcess.Start(service.Name, "dotnet", [dll], environment, LogFile(service.Name), Path.GetDirectoryName(dll));
        _processes[name] = process;
        await WaitUntilReadyAsync(process, Endpoints[name].Http, ct);
    }

    public async Task StopServiceAsync(string name)
    {
        if (_processes.Remove(name, out var process))
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>Kills one service with SIGKILL, as a crash would: no graceful stop, no flushing.</summary>
    public async Task KillServiceAsync(string name)
    {
        if (_processes.Remove(name, out var process))
        {
            await process.KillAsync();
            await process.DisposeAsync();
        }
    }

    /// <summary>The services started here that have exited without being asked, with how they ended.</summary>
    public IReadOnlyList<(string Name, int ExitCode)> ExitedServices() =>
        _processes.ToArray().Where(p => p.Value.HasExited).Select(p => (p.Key, p.Value.ExitCode ?? -1)).ToList();

    /// <summary>Watches the services and starts one that exits again, with backoff (see <see cref="Supervisor"/>).</summary>
    public Supervisor Supervise(Action<string> say) => new(this, say);

    /// <summary>The process id of a running service.</summary>
    public int ProcessId(string name) => _processes[name].Id;

    /// <summary>Every process of the platform: the broker's and each service's.</summary>
    public IEnumerable<int> ProcessIds => (BrokerCluster?.ProcessIds ?? Broker.ProcessIds).Concat(_processes.Values.Where(p => !p.HasExited).Select(p => p.Id));

    /// <summary>The log file of a service's current or last start.</summary>
    public string LogFile(string name) => Path.Combine(DataDirectory, "logs", name + ".log");

    /// <summary>The administrator's one-time password while it is unused: the gateway keeps it in a file only its owner reads (never in a log) until it is changed.</summary>
    public string? OneTimeAdministratorPassword()
    {
        var file = Path.Combine(DataDirectory, FirstSignIn.FileName);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    private Dictionary<string, string?> Environment(PlatformService service)
    {
        var endpoints = Endpoints[service.Name];
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["SAFECITY_DATA_DIR"] = DataDirectory,
            ["ConnectionStrings__broker"] = Broker.ConnectionString,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        };
        foreach (var (key, value) in service == PlatformService.Gateway ? Keys.ForGateway() : Keys.ForService())
        {
            env[key] = value;
        }

        if (BrokerCluster is { } cluster)
        {
            // Every node's address, so a service whose node stops goes on through another; queues on a majority of nodes.
            for (var i = 0; i < cluster.Nodes.Count; i++)
            {
                env[string.Create(CultureInfo.InvariantCulture, $"Broker__Nodes__{i}")] = cluster.Nodes[i].Address;
            }

            env["Broker__QuorumQueues"] = "true";
        }

        if (service == PlatformService.Gateway)
        {
            env["SAFECITY_HTTP_PORT"] = endpoints.HttpPort.ToString(CultureInfo.InvariantCulture);
            env["SAFECITY_GRPC_PORT"] = endpoints.GrpcPort.ToString(CultureInfo.InvariantCulture);
            var themes = PlatformService.Themes.Select(t => t.Name).ToList();
            for (var i = 0; i < themes.Count; i++)
            {
                env[string.Create(CultureInfo.InvariantCulture, $"Gateway__Themes__{i}")] = themes[i];
            }

            foreach (var other in Services)
            {
                env[$"services__{other.Name}__http__0"] = Endpoints[other.Name].Http.ToString().TrimEnd('/');
                env[$"services__{other.Name}__grpc__0"] = Endpoints[other.Name].Grpc.ToString().TrimEnd('/');
            }
        }
        else
        {
            if (service == PlatformService.Governance)
            {
                // Governance asks the themes for their state when its read model is rebuilt.
                var themes = PlatformService.Themes.ToList();
                for (var i = 0; i < themes.Count; i++)
                {
                    env[string.Create(CultureInfo.InvariantCulture, $"Governance__Themes__{i}")] = themes[i].Name;
                    env[$"services__{themes[i].Name}__http__0"] = Endpoints[themes[i].Name].Http.ToString().TrimEnd('/');
                }
            }

            else
            {
                // A theme asks governance's register of plan numbers before it adds a plan.
                env["services__governance__http__0"] = Endpoints[PlatformService.Governance.Name].Http.ToString().TrimEnd('/');
            }

            // Pages and API on HTTP/1.1, gRPC on its own HTTP/2 port: plain-text ports speak one or the other.
            env["Kestrel__Endpoints__Http__Url"] = endpoints.Http.ToString();
            env["Kestrel__Endpoints__Http__Protocols"] = "Http1";
            env["Kestrel__Endpoints__Grpc__Url"] = endpoints.Grpc.ToString();
            env["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        }

        foreach (var (key, value) in _options.Settings)
        {
            env[key] = value;
        }

        return env;
    }

    private async Task WaitUntilReadyAsync(ChildProcess process, Uri baseAddress, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.StartTimeout);
        var health = new Uri(baseAddress, "health");
        TimeoutException NotReady() => new($"{process.Name} was not ready within {_options.StartTimeout.TotalSeconds:0} s. Its log ({process.LogFile}) ends:{System.Environment.NewLine}{process.Tail()}");
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited while starting. Its log ({process.LogFile}) ends:{System.Environment.NewLine}{process.Tail()}");
            }

            try
            {
                using var response = await _http.GetAsync(health, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!timeout.IsCancellationRequested)
            {
                // That request timed out; the service is still starting.
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw NotReady();
            }

            try
            {
                await Task.Delay(200, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw NotReady();
            }
        }
    }

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SafeCityPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No SafeCityPlatform.sln above {AppContext.BaseDirectory}.");
    }

    public async ValueTask DisposeAsync()
    {
        // Gateway first, then themes, then governance, then the broker: nothing is left talking to a stopped peer.
        foreach (var name in _processes.Keys.Reverse().ToList())
        {
            await StopServiceAsync(name);
        }

        foreach (var name in _held.Keys.ToList())
        {
            Release(name);
        }

        if (BrokerCluster is not null)
        {
            await BrokerCluster.DisposeAsync();
        }
        else
        {
            await Broker.DisposeAsync();
        }

        _http.Dispose();
        File.Delete(HostIdFile(DataDirectory));
    }
}
