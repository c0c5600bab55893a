using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SafeCity.Kernel.Messaging;

public static class BusRegistration
{
    /// <summary>The connection string name of the RabbitMQ broker (ConnectionStrings:broker), as Aspire names it.</summary>
    public const string BrokerConnectionName = "broker";

    /// <summary>A value for ConnectionStrings:broker that selects MassTransit's in-memory transport: for service tests only.</summary>
    public const string InMemory = "in-memory";

    /// <summary>
    /// MassTransit over RabbitMQ. Queues are named "{service}-{message}", so that each service's
    /// consumers share one queue per message across its instances. Each consumer's retries and
    /// concurrency are in its definition (<see cref="RetriedConsumerDefinition{TConsumer}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddSafeCityBus(this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var connection = builder.Configuration.GetConnectionString(BrokerConnectionName);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{BrokerConnectionName} is not set: give the RabbitMQ address, e.g. amqp://guest:guest@127.0.0.1:5672/ (./safecity run starts a broker and sets it).");
        }

        builder.Services.AddMassTransit(bus =>
        {
            // A service whose broker is away still serves and takes writes (the outbox holds its events):
            // /health says Degraded (200), not Unhealthy, so that it stays in service and can start.
            bus.ConfigureHealthCheckOptions(o => o.MinimalFailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            consumers?.Invoke(bus);
            if (connection == InMemory)
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                return;
            }

            // Broker:QuorumQueues: a cluster of brokers keeps each queue on a majority of its nodes
            // (Kubernetes sets it; a single local broker keeps classic queues).
            if (builder.Configuration.GetValue<bool>("Broker:QuorumQueues"))
            {
                bus.AddConfigureEndpointsCallback((_, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    {
                        rabbit.SetQuorumQueue();
                    }
                });
            }

            // Broker:Nodes: every node of a cluster ("host:port"); the connection string's user and virtual host apply to all.
            var nodes = builder.Configuration.GetSection("Broker:Nodes").Get<string[]>() ?? [];
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(connection), host =>
                {
                    if (nodes.Length > 0)
                    {
                        host.UseCluster(cluster =>
                        {
                            foreach (var node in nodes)
                            {
                                cluster.Node(node);
                            }
                        });
                    }
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        // The event path: its report at /event-path and its metrics.
        builder.Services.AddSingleton<ConsumerWatch>();
        // The one watch the report reads, not one of MassTransit's own making.
        builder.Services.AddConsumeObserver(sp => sp.GetRequiredService<ConsumerWatch>());
        builder.Services.AddSingleton<EventPath>();
        builder.Services.AddSingleton<EventPathMetrics>();
        builder.Services.AddHostedService<EventPathRefresh>();
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            // Start without waiting for the broker: the outbox holds events until it is reachable.
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }
}
