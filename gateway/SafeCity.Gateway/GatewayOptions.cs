namespace SafeCity.Gateway;

public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The theme services behind the gateway, by slug; each is reached as http://{slug} through service discovery.</summary>
    public List<string> Themes { get; set; } = [];

    /// <summary>The browsers' port: SAFECITY_HTTP_PORT, default 8080; 0 picks a free one.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>The partner systems' gRPC (HTTP/2) port: SAFECITY_GRPC_PORT, default 8081; 0 picks a free one.</summary>
    public int GrpcPort { get; set; } = 8081;

    /// <summary>
    /// How many gRPC calls a second each partner organisation may make (a token bucket of that size,
    /// refilled every second); beyond it a call fails at once with RESOURCE_EXHAUSTED.
    /// </summary>
    public int PartnerCallsPerSecond { get; set; } = 50;

    /// <summary>Listen on every interface (in a container) rather than on this machine's loopback only.</summary>
    public bool ListenOnAllInterfaces { get; set; }
}
