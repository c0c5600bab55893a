using System.Diagnostics.Metrics;
using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafeCity.Kernel.Outbox;
using SafeCity.ServiceDefaults;

namespace SafeCity.Kernel.Messaging;

/// <summary>
/// The event path's figures as OpenTelemetry metrics (meter "SafeCity.EventPath"), read by the Aspire
/// dashboard and, on Kubernetes, scraped from /metrics: what waits in the outbox and for how long,
/// how long events take from write to consumer, and the consumers' failures and redeliveries.
/// </summary>
public sealed class EventPathMetrics : IDisposable
{
    public const string MeterName = Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.EventPathMeter;

    private readonly Meter _meter;

    public EventPathMetrics(IMeterFactory meters, EventPath path)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("safecity.outbox.backlog", () => path.Last.Backlog, "{event}", "Events written and not yet taken by the broker.");
        _meter.CreateObservableGauge("safecity.outbox.oldest_age", () => path.OldestAgeSeconds(), "s", "How long the oldest waiting event has waited.");
        _meter.CreateObservableGauge("safecity.broker.connected", () => path.Last.BrokerConnected ? 1 : 0, null, "1 while the service's bus is connected to the broker.");
        Lag = _meter.CreateHistogram<double>("safecity.events.lag", "ms", "From the write that raised an event to its consumer.");
        Failures = _meter.CreateCounter<long>("safecity.consumer.failures", "{attempt}", "Consume attempts that failed (each retry counts).");
        Redeliveries = _meter.CreateCounter<long>("safecity.consumer.redeliveries", "{message}", "Messages the broker delivered again (after a consumer or connection was lost).");
    }

    public Histogram<double> Lag { get; }
    public Counter<long> Failures { get; }
    public Counter<long> Redeliveries { get; }

    public void Dispose() => _meter.Dispose();
}

/// <summary>
/// Watches every message the service consumes: how long it took from the write that raised it, whether
/// the consumer failed, whether the broker delivered it again. The figures go to /event-path and to the
/// metrics.
/// </summary>
public sealed class ConsumerWatch(IServiceProvider services, TimeProvider clock) : IConsumeObserver
{
    private readonly Lock _lock = new();
    private readonly Queue<double> _lags = new();
    private long _consumed;
    private long _failures;
    private long _redeliveries;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;

    private EventPathMetrics Metrics => services.GetRequiredService<EventPathMetrics>();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.ReceiveContext.Redelivered && context.GetRetryAttempt() == 0)
        {
            Interlocked.Increment(ref _redeliveries);
            Metrics.Redeliveries.Add(1);
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        var written = context.Headers.Get<string>(EventPath.WrittenAtHeader) is { } header
            && DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        Interlocked.Increment(ref _consumed);
        if (written is { } from)
        {
            var lag = Math.Max(0, (clock.GetUtcNow() - from).TotalMilliseconds);
            Metrics.Lag.Record(lag, new KeyValuePair<string, object?>("message", typeof(T).Name));
            lock (_lock)
            {
                _lags.Enqueue(lag);
                if (_lags.Count > ConsumerReport.LagWindow)
                {
                    _lags.Dequeue();
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Interlocked.Increment(ref _failures);
        Metrics.Failures.Add(1, new KeyValuePair<string, object?>("message", typeof(T).Name));
        lock (_lock)
        {
            // A message's words can be long (a stack of inner causes): the first 300 characters say enough.
            var words = exception.Message.Length > 300 ? exception.Message[..300] + "…" : exception.Message;
            _lastError = $"{typeof(T).Name}: {words}";
            _lastErrorAt = clock.GetUtcNow();
        }

        return Task.CompletedTask;
    }

    public ConsumerReport Report()
    {
        lock (_lock)
        {
            var sorted = _lags.Order().ToList();
            double? At(double percentile) => sorted.Count == 0 ? null : Math.Round(Percentiles.NearestRank(sorted, percentile), 1);
            return new ConsumerReport(Interlocked.Read(ref _consumed), Interlocked.Read(ref _failures), Interlocked.Read(ref _redeliveries),
                _lastError, _lastErrorAt, At(50), At(95), At(99));
        }
    }
}

/// <summary>
/// The service's end of the event path, told at GET /event-path to the gateway's /status and to
/// governance (inside the platform only: the gateway refuses the path from outside).
/// </summary>
/// <param name="nodes">Governance's watch of the broker's nodes; none in a theme.</param>
public sealed class EventPath(IOutboxStore outbox, IBusControl bus, ConsumerWatch consumers, TimeProvider clock, BrokerNodesWatch? nodes = null)
{
    /// <summary>The header the outbox puts on each event it publishes: when the write that raised it was made.</summary>
    public const string WrittenAtHeader = "SafeCity-Written-At";

    /// <summary>The report last made, for the metrics, which are read without waiting on the store.</summary>
    public EventPathReport Last { get; private set; } = new(false, "not asked yet", 0, null, null, new ConsumerReport(0, 0, 0, null, null, null, null, null));

    public double OldestAgeSeconds() => Last.OldestPendingSince is { } since ? Math.Max(0, (clock.GetUtcNow() - since).TotalSeconds) : 0;

    public async Task<EventPathReport> ReportAsync(CancellationToken ct)
    {
        var backlog = await outbox.GetBacklogAsync(ct);
        var health = bus.CheckHealth();
        var connected = health.Status == BusHealthStatus.Healthy;
        Last = new EventPathReport(connected, connected ? null : health.Description, backlog.Count, backlog.OldestSince, backlog.LastError, consumers.Report(), nodes?.Nodes() ?? []);
        return Last;
    }
}

/// <summary>
/// Reads the event path every five seconds, so that the metrics are current whether or not anyone asks.
/// It takes the metrics so that they are made when the service starts, not when first read.
/// </summary>
public sealed class EventPathRefresh(EventPath path, EventPathMetrics metrics, TimeProvider clock, ILogger<EventPathRefresh> log)
    : BackgroundService
{
    public EventPathMetrics Metrics { get; } = metrics;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await path.ReportAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("The event path could not be read: {Reason}", e.Message);
            }

            await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

public static class EventPathEndpoints
{
    /// <summary>GET /event-path: the report, for the platform's own watchers; the gateway never forwards it.</summary>
    public static IEndpointRouteBuilder MapEventPath(this IEndpointRouteBuilder app)
    {
        app.MapGet(EventPathReport.Path, async (EventPath path, CancellationToken ct) => Results.Json(await path.ReportAsync(ct))).AllowAnonymous();
        return app;
    }
}
