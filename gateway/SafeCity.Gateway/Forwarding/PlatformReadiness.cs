using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SafeCity.Gateway.Forwarding;

/// <summary>The platform is ready when every service behind the gateway answers its own /health.</summary>
public sealed class PlatformReadiness(IHttpClientFactory clients, IOptions<GatewayOptions> options) : IHealthCheck
{
    public const string ClientName = "readiness";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var services = options.Value.Themes.Prepend(PlatformRoutes.Governance).ToList();
        var client = clients.CreateClient(ClientName);
        var answers = await Task.WhenAll(services.Select(async service =>
        {
            try
            {
                using var response = await client.GetAsync($"http://{service}/health", cancellationToken);
                return (service, ready: response.IsSuccessStatusCode);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return (service, ready: false);
            }
        }));
        var waiting = answers.Where(a => !a.ready).Select(a => a.service).ToList();
        return waiting.Count == 0
            ? HealthCheckResult.Healthy($"All {services.Count} services are ready.")
            : HealthCheckResult.Unhealthy($"Waiting for: {string.Join(", ", waiting)}.");
    }
}
