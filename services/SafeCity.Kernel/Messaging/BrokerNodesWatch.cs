using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using SafeCity.ServiceDefaults;

namespace SafeCity.Kernel.Messaging;

/// <summary>
/// Each node of the broker as governance sees it: a connection of its own to every node (one node, or
/// each of Broker:Nodes), opened again when it closes, so that /status can show every node up or down.
/// Governance holds the broker's credentials anyway; the gateway, which faces the internet, never does.
/// </summary>
public sealed class BrokerNodesWatch(IConfiguration configuration, TimeProvider clock, ILogger<BrokerNodesWatch> log) : BackgroundService
{
    /// <summary>The name its connections carry, by which the broker's own lists tell them from the services'.</summary>
    public const string ConnectionName = "governance: broker node watch";

    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BrokerNodeState> _states = new(StringComparer.Ordinal);

    /// <summary>Every node as last seen, in configured order.</summary>
    public IReadOnlyList<BrokerNodeState> Nodes()
    {
        lock (_lock)
        {
            return [.. _states.Values];
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connection = configuration.GetConnectionString(BusRegistration.BrokerConnectionName);
        if (string.IsNullOrWhiteSpace(connection) || connection == BusRegistration.InMemory)
        {
            return;
        }

        var uri = new Uri(connection);
        var nodes = configuration.GetSection("Broker:Nodes").Get<string[]>() is { Length: > 0 } listed
            ? listed
            : [string.Create(CultureInfo.InvariantCulture, $"{uri.Host}:{(uri.Port > 0 ? uri.Port : AmqpTcpEndpoint.UseDefaultPort)}")];
        var open = new Dictionary<string, IConnection>(StringComparer.Ordinal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var node in nodes)
                {
                    await CheckAsync(uri, node, open, stoppingToken);
                }

                await Task.Delay(Every, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        finally
        {
            foreach (var c in open.Values)
            {
                await c.DisposeAsync();
            }
        }
    }

    private async Task CheckAsync(Uri uri, string node, Dictionary<string, IConnection> open, CancellationToken ct)
    {
        string? detail = null;
        if (!open.TryGetValue(node, out var connection) || !connection.IsOpen)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
                open.Remove(node);
            }

            try
            {
                var (host, port) = Split(node);
                var factory = new ConnectionFactory
                {
                    Uri = uri,
                    RequestedConnectionTimeout = TimeSpan.FromSeconds(2),
                    AutomaticRecoveryEnabled = false,
                    ClientProvidedName = ConnectionName,
                };
                open[node] = await factory.CreateConnectionAsync([new AmqpTcpEndpoint(host, port)], ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                detail = "does not take connections: " + e.GetBaseException().Message;
            }
        }

        var up = detail is null;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var before = _states.GetValueOrDefault(node);
            var changed = before is null || before.Up != up;
            _states[node] = new BrokerNodeState(node, up, changed ? now : before!.Since, detail);
            if (before is not null && changed)
            {
                log.Log(up ? LogLevel.Information : LogLevel.Warning, "Broker node {Node} is {State}", node, up ? "up again" : "down: " + detail);
            }
        }
    }

    private static (string Host, int Port) Split(string node)
    {
        var colon = node.LastIndexOf(':');
        return colon < 0 ? (node, AmqpTcpEndpoint.UseDefaultPort) : (node[..colon], int.Parse(node[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
