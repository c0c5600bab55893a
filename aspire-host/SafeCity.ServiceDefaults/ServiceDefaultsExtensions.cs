using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every SafeCity service starts with. Health endpoints are mapped in every
/// environment, because Kubernetes probes and the gateway's readiness check need them in production.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string MetricsPath = "/metrics";

    /// <summary>The meter of the event path's figures (the kernel's EventPathMetrics).</summary>
    public const string EventPathMeter = "SafeCity.EventPath";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Numbers and dates are written alike on every machine, whatever its LANG (the services run with ICU for normalisation).
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

        // Stores, logs, keys: whatever a service writes is its owner's alone, wherever it runs.
        SafeCity.ServiceDefaults.OwnerOnly.ForEverythingCreated();

        // On Kubernetes with Dapr, secrets come from the secret store before anything reads its configuration.
        builder.Configuration.AddDaprSecrets();
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // One pipeline, and so one circuit breaker, per service called: a service that is down never
            // pauses the calls to the others (with the defaults' single pipeline, it paused every call).
            http.AddStandardResilienceHandler().SelectPipelineByAuthority();
            http.AddServiceDiscovery();
            // Last, so that it sees the address service discovery gave (on Kubernetes, the service's name).
            DaprInvocation.AddTo(http, builder.Configuration);
        });
        return builder;
    }

    private static void ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter(EventPathMeter)
                // /metrics for a Prometheus scrape (Kubernetes); the gateway never forwards the path.
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx =>
                    !ctx.Request.Path.StartsWithSegments(HealthPath) && !ctx.Request.Path.StartsWithSegments(AlivePath) && !ctx.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation());

        // Export only where a collector is configured (the Aspire dashboard, a cluster's collector).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }

    /// <summary>/health: ready (every check passes). /alive: the process answers. /metrics: every meter, as Prometheus reads them.</summary>
    /// <param name="scrapeable">False for the gateway: it faces the internet, and its metrics go to a collector (OTLP) only.</param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, bool scrapeable = true)
    {
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) }).AllowAnonymous();
        if (scrapeable)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        }

        return app;
    }
}
