using System.ComponentModel.DataAnnotations;
using System.Net;

namespace SafeCity.Gateway;

/// <summary>The gateway's own settings (section Gateway; the ports also from SAFECITY_HTTP_PORT and SAFECITY_GRPC_PORT).</summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string Section = "Gateway";

    /// <summary>The theme services behind the gateway, by slug; each is reached as http://{slug} through service discovery. None given: the seven of PartnershipThemes.</summary>
    public List<string> Themes { get; set; } = [];

    /// <summary>The browsers' port: SAFECITY_HTTP_PORT, default 8080; 0 picks a free one.</summary>
    [Range(0, 65535, ErrorMessage = "Gateway:HttpPort (SAFECITY_HTTP_PORT) must be from {1} to {2}.")]
    public int HttpPort { get; set; } = 8080;

    /// <summary>The partner systems' gRPC (HTTP/2) port: SAFECITY_GRPC_PORT, default 8081; 0 picks a free one.</summary>
    [Range(0, 65535, ErrorMessage = "Gateway:GrpcPort (SAFECITY_GRPC_PORT) must be from {1} to {2}.")]
    public int GrpcPort { get; set; } = 8081;

    /// <summary>
    /// How many gRPC calls a second each partner organisation may make (a token bucket of that size,
    /// refilled every second); beyond it a call fails at once with RESOURCE_EXHAUSTED.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Gateway:PartnerCallsPerSecond must be from {1} to {2}.")]
    public int PartnerCallsPerSecond { get; set; } = 50;

    /// <summary>
    /// How often a partner's open call (a watch stream) is checked against the register: revoked
    /// credentials or narrowed categories end it within this many seconds. Each new call is checked as it starts.
    /// </summary>
    [Range(1, 60, ErrorMessage = "Gateway:PartnerRecheckSeconds must be from {1} to {2}.")]
    public int PartnerRecheckSeconds { get; set; } = 30;

    /// <summary>Listen on every interface (in a container) rather than on this machine's loopback only.</summary>
    public bool ListenOnAllInterfaces { get; set; }

    /// <summary>The networks of a TLS-terminating proxy in front (10.0.0.0/8): the client's address and scheme are taken from its headers, from it alone.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < TrustedProxies.Count; i++)
        {
            if (!IPNetwork.TryParse(TrustedProxies[i], out _))
            {
                yield return new ValidationResult($"Gateway:TrustedProxies:{i} must be a network such as 10.0.0.0/8.", [nameof(TrustedProxies)]);
            }
        }
    }

    /// <summary>What the gateway runs with: the ports from SAFECITY_HTTP_PORT and SAFECITY_GRPC_PORT where set, all seven themes where none is named.</summary>
    public void Complete(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        HttpPort = Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, "SAFECITY_HTTP_PORT", HttpPort);
        GrpcPort = Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, "SAFECITY_GRPC_PORT", GrpcPort);
        if (Themes.Count == 0)
        {
            Themes = [.. Contracts.Themes.PartnershipThemes.Slugs];
        }
    }
}
