using Yarp.ReverseProxy.Configuration;

namespace SafeCity.Gateway.Forwarding;

/// <summary>
/// The gateway's routes, built from the list of themes rather than written out per theme:
/// governance at the root and /api/governance; each theme's pages under /{theme} and its API under
/// /api/{theme}; gRPC for a theme by the "safecity-theme" header, for governance by its service path.
/// </summary>
public static class PlatformRoutes
{
    public const string Governance = "governance";
    public const string ThemeHeader = "safecity-theme";

    public const string GovernanceGrpcService = "safecity.governance.v1.GovernancePerformance";
    public const string PartnerPerformanceGrpcService = "safecity.governance.v1.PartnerPerformance";

    /// <summary>Where the pod's Dapr sidecar listens, when calls go through it (Dapr:Invoke); each call names its service in dapr-app-id.</summary>
    public sealed record Sidecar(int HttpPort, int GrpcPort);

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(IEnumerable<string> themes, Sidecar? sidecar = null)
    {
        var (routes, clusters) = Direct(themes);
        if (sidecar is null)
        {
            return (routes, clusters);
        }

        // Through the sidecar: every cluster's address is the sidecar's, and every route says which service it is for.
        return (
            routes.Select(r => r with { Transforms = [.. r.Transforms!, new Dictionary<string, string> { ["RequestHeader"] = "dapr-app-id", ["Set"] = ServiceOf(r.ClusterId!) }] }).ToList(),
            clusters.Select(c => c with
            {
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["sidecar"] = new() { Address = $"http://127.0.0.1:{(c.ClusterId!.EndsWith(GrpcSuffix, StringComparison.Ordinal) ? sidecar.GrpcPort : sidecar.HttpPort)}" },
                },
            }).ToList());
    }

    private const string GrpcSuffix = "-grpc";

    /// <summary>The service a cluster reaches: its HTTP and gRPC clusters are the same service.</summary>
    public static string ServiceOf(string cluster) => cluster.EndsWith(GrpcSuffix, StringComparison.Ordinal) ? cluster[..^GrpcSuffix.Length] : cluster;

    private static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Direct(IEnumerable<string> themes)
    {
        var routes = new List<RouteConfig>
        {
            Route("governance-api", "/api/governance/{**rest}", Governance),
            Route("governance-pages", "/{**rest}", Governance, order: 1000),
            Route("governance-grpc", $"/{GovernanceGrpcService}/{{**rest}}", Governance + GrpcSuffix),
            Route("governance-partner-grpc", $"/{PartnerPerformanceGrpcService}/{{**rest}}", Governance + GrpcSuffix),
        };
        var clusters = new List<ClusterConfig> { Http(Governance), Grpc(Governance) };
        foreach (var theme in themes)
        {
            routes.Add(Route($"{theme}-pages", $"/{theme}/{{**rest}}", theme));
            routes.Add(Route($"{theme}-api", $"/api/{theme}/{{**rest}}", theme));
            // Every gRPC service of a theme (its plans, its records intake, reflection), chosen by the header.
            routes.Add(Route($"{theme}-grpc", "/{**rest}", theme + GrpcSuffix, order: -1) with
            {
                Match = new RouteMatch
                {
                    Path = "/{**rest}",
                    Headers = [new RouteHeader { Name = ThemeHeader, Values = [theme], Mode = HeaderMatchMode.ExactHeader }],
                },
            });
            clusters.Add(Http(theme));
            clusters.Add(Grpc(theme));
        }

        return (routes, clusters);
    }

    private static RouteConfig Route(string id, string path, string cluster, int order = 0) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Order = order,
        Match = new RouteMatch { Path = path },
        // The services build links and redirects from the Host header: keep the one the browser sent.
        Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
    };

    private static ClusterConfig Http(string service) => new()
    {
        ClusterId = service,
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = $"http://{service}" } },
    };

    // gRPC services listen on a plain-text HTTP/2 port: the request must go out as HTTP/2 exactly.
    private static ClusterConfig Grpc(string service) => new()
    {
        ClusterId = service + GrpcSuffix,
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = $"http://_grpc.{service}" } },
        HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig
        {
            Version = new Version(2, 0),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        },
    };
}
