using SafeCity.Contracts.Records;
using SafeCity.Contracts.Themes;
using Yarp.ReverseProxy.Configuration;

namespace SafeCity.Gateway.Forwarding;

/// <summary>
/// The gateway's routes, built from the list of themes rather than written out per theme:
/// governance at the root and /api/governance; each theme's pages under /{theme} and its API under
/// /api/{theme}; gRPC for a theme by the "safecity-theme" header and the path of one of its own gRPC
/// services, for governance by its service path. No other gRPC service is ever passed on.
/// </summary>
public static class PlatformRoutes
{
    public const string Governance = "governance";
    public const string ThemeHeader = "safecity-theme";

    public const string GovernanceGrpcService = "safecity.governance.v1.GovernancePerformance";
    public const string PartnerPerformanceGrpcService = "safecity.governance.v1.PartnerPerformance";

    /// <summary>The gRPC services a theme serves, and so the only ones a caller naming a theme may reach.</summary>
    public static readonly IReadOnlyList<string> ThemeGrpcServices =
    [
        PartnerRecords.Descriptor.FullName,
        ActionPlans.Descriptor.FullName,
        "grpc.reflection.v1alpha.ServerReflection",
        "grpc.reflection.v1.ServerReflection",
    ];

    /// <summary>
    /// Where the pod's Dapr sidecar listens, when calls go through it (Dapr:Invoke). HTTP calls address its
    /// service invocation API (/v1.0/invoke/{service}/method/…), so no caller's path can name the sidecar's
    /// own API; gRPC calls name their service in dapr-app-id, on the platform's own gRPC service paths alone.
    /// </summary>
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
            routes.Select(r => r with { Transforms = [.. r.Transforms!, ThroughSidecar(r.ClusterId!)] }).ToList(),
            clusters.Select(c => c with
            {
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["sidecar"] = new() { Address = $"http://127.0.0.1:{(c.ClusterId!.EndsWith(GrpcSuffix, StringComparison.Ordinal) ? sidecar.GrpcPort : sidecar.HttpPort)}" },
                },
            }).ToList());
    }

    private const string GrpcSuffix = "-grpc";

    private static Dictionary<string, string> ThroughSidecar(string cluster) => cluster.EndsWith(GrpcSuffix, StringComparison.Ordinal)
        ? new() { ["RequestHeader"] = DaprInvocation.AppIdHeader, ["Set"] = ServiceOf(cluster) }
        : new() { ["PathPrefix"] = DaprInvocation.InvokePrefix(ServiceOf(cluster)) };

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
            // Each gRPC service of a theme (its plans, its records intake, reflection), chosen by the header.
            foreach (var service in ThemeGrpcServices)
            {
                routes.Add(Route($"{theme}-grpc-{service}", $"/{service}/{{**rest}}", theme + GrpcSuffix, order: -1) with
                {
                    Match = new RouteMatch
                    {
                        Path = $"/{service}/{{**rest}}",
                        Headers = [new RouteHeader { Name = ThemeHeader, Values = [theme], Mode = HeaderMatchMode.ExactHeader }],
                    },
                });
            }

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
