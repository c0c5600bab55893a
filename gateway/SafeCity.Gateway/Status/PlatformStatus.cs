using Microsoft.Extensions.Options;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Status;

/// <summary>
/// The status of every service behind the gateway, for operators (GET /status) and for the pages that
/// say a part is down. Kept apart from the gateway's readiness: the gateway is ready when it can serve,
/// whatever a service behind it is doing, so one theme down never takes the only way in out of service.
/// </summary>
public sealed class PlatformStatus(IHttpClientFactory clients, IOptions<GatewayOptions> gateway, IOptions<PlatformStatusOptions> options, TimeProvider clock, ILogger<PlatformStatus> log)
    : HealthWatch(clients, clock, log)
{
    public override IReadOnlyList<string> Watched => [Forwarding.PlatformRoutes.Governance, .. gateway.Value.Themes];

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IntervalSeconds);

    protected override TimeSpan Patience => TimeSpan.FromSeconds(options.Value.TimeoutSeconds);

    /// <summary>Every part, in the platform's order; a part not yet asked is reported down, "not checked yet".</summary>
    public IReadOnlyList<ServiceHealth> Parts() =>
        Watched.Select(s => Of(s) ?? new ServiceHealth(s, false, Clock.GetUtcNow(), null, default, "not checked yet")).ToList();
}
