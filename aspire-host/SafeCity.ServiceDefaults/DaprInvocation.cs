using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Calls between the platform's services through the pod's Dapr sidecar (service invocation), so that
/// they are mutually authenticated and encrypted by the sidecars and checked against each service's
/// access policy. With <c>Dapr:Invoke</c> on, a call to another service by its name
/// (<c>http://alcohol:8080/api/alcohol/state</c>) goes to the sidecar (<c>http://127.0.0.1:DAPR_HTTP_PORT/api/alcohol/state</c>)
/// with the header <c>dapr-app-id: alcohol</c>; the sidecar finds the service. Addresses with a dot
/// (the internet, an IP) are left alone.
/// </summary>
public static class DaprInvocation
{
    public const string InvokeKey = "Dapr:Invoke";
    public const string AppIdHeader = "dapr-app-id";

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
            http.AddHttpMessageHandler(() => new SidecarHandler(HttpPort(configuration)));
        }
    }

    private sealed class SidecarHandler(int port) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } address && ServiceOf(address) is { } service)
            {
                request.RequestUri = new UriBuilder(address) { Host = IPAddress.Loopback.ToString(), Port = port }.Uri;
                request.Headers.Remove(AppIdHeader);
                request.Headers.Add(AppIdHeader, service);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
