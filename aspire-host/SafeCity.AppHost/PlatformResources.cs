using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SafeCity.ServiceDefaults;

namespace SafeCity.AppHost;

public static class PlatformResources
{
    public const string RabbitMqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>
    /// RabbitMQ as a container where an engine answers; otherwise Debian's rabbitmq-server as a plain
    /// process with a data folder, port and epmd of its own (a TCP health check says when it is up).
    /// Either way the services find it as ConnectionStrings:broker.
    /// </summary>
    public static Action<IResourceBuilder<ProjectResource>> AddBroker(IDistributedApplicationBuilder builder, bool containers, string dataDirectory)
    {
        if (containers)
        {
            var rabbit = builder.AddRabbitMQ("broker");
            return service => service.WithReference(rabbit).WaitFor(rabbit);
        }

        var port = SlowListenerPorts.Next();
        var epmdPort = SlowListenerPorts.Next();
        var home = Path.Combine(dataDirectory, "broker");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "enabled_plugins"), "[].");
        File.WriteAllText(Path.Combine(home, "rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "\n");

        var epmd = builder.AddExecutable("epmd", "epmd", home, "-port", epmdPort.ToString(CultureInfo.InvariantCulture));
        var broker = builder.AddExecutable("broker", RabbitMqServer, home)
            .WithEnvironment("HOME", home)
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", "/dev/null")
            .WithEnvironment("RABBITMQ_NODENAME", "safecity" + port.ToString(CultureInfo.InvariantCulture) + "@localhost")
            .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_DIST_PORT", SlowListenerPorts.Next().ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(home, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(home, "log"))
            .WithEnvironment("RABBITMQ_PID_FILE", Path.Combine(home, "rabbit.pid"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(home, "rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(home, "enabled_plugins"))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString(CultureInfo.InvariantCulture))
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "amqp", isProxied: false)
            .WithHealthCheck("broker-accepts-connections")
            .WaitFor(epmd);
        builder.Services.AddHealthChecks().AddAsyncCheck("broker-accepts-connections", async ct =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });

        var connection = "amqp://guest:guest@127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/";
        return service => service.WithEnvironment("ConnectionStrings__broker", connection).WaitFor(broker);
    }

    /// <summary>
    /// A service's two ports: pages and API on HTTP/1.1, gRPC on HTTP/2 (a plain-text port speaks one
    /// or the other). Kestrel takes them from its own configuration keys.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlatformEndpoints(this IResourceBuilder<ProjectResource> service, string dataDirectory, PlatformIdentityKeys keys)
    {
        service.WithHttpEndpoint(name: "http").WithHttpEndpoint(name: "grpc");
        var http = service.GetEndpoint("http");
        var grpc = service.GetEndpoint("grpc");
        return service
            .WithEnvironment("Kestrel__Endpoints__Http__Url", ReferenceExpression.Create($"http://127.0.0.1:{http.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("Kestrel__Endpoints__Http__Protocols", "Http1")
            .WithEnvironment("Kestrel__Endpoints__Grpc__Url", ReferenceExpression.Create($"http://127.0.0.1:{grpc.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("Kestrel__Endpoints__Grpc__Protocols", "Http2")
            .WithEnvironment("SAFECITY_DATA_DIR", dataDirectory)
            .WithIdentityKeys(keys.ForService())
            .WithHttpHealthCheck("/health", endpointName: "http");
    }

    public static IResourceBuilder<ProjectResource> WithIdentityKeys(this IResourceBuilder<ProjectResource> service, IEnumerable<KeyValuePair<string, string>> settings)
    {
        foreach (var (key, value) in settings)
        {
            service.WithEnvironment(key, value);
        }

        return service;
    }
}
