using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Calls between the platform's services through the pod's Dapr sidecar (service invocation), so that
/// they are mutually authenticated and encrypted by the sidecars and checked against each service's
/// access policy. With <c>Dapr:Invoke</c> on, a call to another service by its name
/// (<c>http://alcohol:8080/api/alcohol/state</c>) goes to the sidecar's service invocation API
/// (<c>http://127.0.0.1:DAPR_HTTP_PORT/v1.0/invoke/alcohol/method/api/alcohol/state</c>), carrying the
/// sidecar's API token (<c>DAPR_API_TOKEN</c>, which Dapr's injector sets when the pod names one); the
/// sidecar finds the service. Addresses with a dot (the internet, an IP) are left alone. Only the
/// invocation API is ever addressed, so no path of a call can reach the sidecar's own API (secrets,
/// shutdown, metadata).
/// </summary>
public static class DaprInvocation
{
    public const string InvokeKey = "Dapr:Invoke";
    public const string AppIdHeader = "dapr-app-id";

    /// <summary>The header a sidecar with an API token wants on every call to it.</summary>
    public const string ApiTokenHeader = "dapr-api-token";

    /// <summary>The sidecar's API token, where the pod has one (DAPR_API_TOKEN); else null.</summary>
    public static string? ApiToken(IConfiguration configuration) => configuration["DAPR_API_TOKEN"] is { Length: > 0 } token ? token : null;

    /// <summary>The sidecar's path that invokes a method of the service named: what follows it is the service's own path.</summary>
    public static string InvokePrefix(string service) => $"/v1.0/invoke/{Uri.EscapeDataString(service)}/method";

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue<bool>(InvokeKey);

    /// <summary>The sidecar's HTTP port (DAPR_HTTP_PORT, set by Dapr's injector; 3500 by default).</summary>
    public static int HttpPort(IConfiguration configuration) => configuration.GetValue("DAPR_HTTP_PORT", 3500);

    /// <summary>The sidecar's gRPC port (DAPR_GRPC_PORT; 50001 by default), which proxies gRPC calls to the service named by dapr-app-id.</summary>
    public static int GrpcPort(IConfiguration configuration) => configuration.GetValue("DAPR_GRPC_PORT", 50001);

    /// <summary>The service a call is for, when it is a call to another service by its name; else null.</summary>
    public static string? ServiceOf(Uri address) =>
        address.HostNameType == UriHostNameType.Dns && !address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? address.Host : null;

    internal static void AddTo(IHttpClientBuilder http, IConfiguration configuration)
    {
        if (IsOn(configuration))
        {
            http.AddHttpMessageHandler(() => new SidecarHandler(HttpPort(configuration), ApiToken(configuration)));
        }
    }

    private sealed class SidecarHandler(int port, string? token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } address && ServiceOf(address) is { } service)
            {
                request.RequestUri = new UriBuilder(address) { Host = IPAddress.Loopback.ToString(), Port = port, Path = InvokePrefix(service) + address.AbsolutePath }.Uri;
                request.Headers.Remove(ApiTokenHeader);
                if (token is not null)
                {
                    request.Headers.Add(ApiTokenHeader, token);
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
