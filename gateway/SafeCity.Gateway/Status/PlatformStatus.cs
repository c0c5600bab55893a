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

    /// <summary>
    /// Every part, in the platform's order: the broker (each of its nodes), then each service; a part not
    /// yet asked is reported down, "not checked yet".
    /// </summary>
    public IReadOnlyList<ServiceHealth> Parts()
    {
        var services = Watched.Select(s => Of(s) ?? new ServiceHealth(s, false, Clock.GetUtcNow(), null, default, "not checked yet")).ToList();
        return [.. Broker(services[0]), .. services];
    }

    /// <summary>
    /// The broker's nodes as governance, which watches them, last told; while governance does not answer
    /// the broker's state is not known here, and is reported so.
    /// </summary>
    private static IEnumerable<ServiceHealth> Broker(ServiceHealth governance)
    {
        if (governance.EventPath?.BrokerNodes is not { Count: > 0 } nodes)
        {
            return [new ServiceHealth(BrokerPart, false, governance.Since, null, governance.CheckedAt, "not known: governance, which watches the broker, has not told")];
        }

        return nodes.Select(n => new ServiceHealth(nodes.Count == 1 ? BrokerPart : $"{BrokerPart} {n.Address}", n.Up, n.Since, n.Up ? governance.CheckedAt : null, governance.CheckedAt, n.Detail));
    }

    public const string BrokerPart = "broker";
}
