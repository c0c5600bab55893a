using System.ComponentModel.DataAnnotations;

namespace SafeCity.Gateway;

/// <summary>What one caller may send through the gateway at a time (section Limits, as the services read it).</summary>
public sealed class GatewayLimits
{
    public const string Section = "Limits";

    /// <summary>The largest body of an HTTP request (a form, a JSON command): 1 MB. gRPC calls are bounded per message by the services.</summary>
    [Range(1, 1_048_576, ErrorMessage = "Limits:MaxRequestBodyKilobytes must be from {1} to {2}.")]
    public int MaxRequestBodyKilobytes { get; set; } = 1024;

    public long MaxRequestBodyBytes => MaxRequestBodyKilobytes * 1024L;
}
