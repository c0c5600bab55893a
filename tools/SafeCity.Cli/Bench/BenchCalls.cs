using Grpc.Net.Client;
using SafeCity.LocalPlatform;

namespace SafeCity.Cli.Bench;

/// <summary>How the bench's scenarios call the platform it started, and how they label a scale.</summary>
public static class BenchCalls
{
    public static string Scale(int scale, string what) => $"{scale}× ({what})";

    public static GrpcChannel Channel(LocalPlatformHost platform, Uri address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpClient = Http(platform, address, withBase: false), DisposeHttpClient = true, MaxReceiveMessageSize = null });

    // The gateway is called as the operator (bearer tokens of minutes); a service directly, as an administrator signed for it alone.
    public static HttpClient Http(LocalPlatformHost platform, Uri address, bool withBase = true)
    {
        var service = platform.Endpoints.FirstOrDefault(e => e.Value.Http.Port == address.Port || e.Value.Grpc.Port == address.Port).Key;
        var http = service is null || service == PlatformService.Gateway.Name ? SignedCalls.ToGateway(platform.Keys.OperatorKeys) : SignedCalls.ToService(platform.Keys, service, "bench");
        http.Timeout = TimeSpan.FromMinutes(30);
        if (withBase)
        {
            http.BaseAddress = address;
        }

        return http;
    }
}
