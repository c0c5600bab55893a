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

    /// <summary>The most values one form may hold: the largest form here (an organisation's categories) has under a hundred.</summary>
    [Range(16, 100_000, ErrorMessage = "Limits:MaxFormValues must be from {1} to {2}.")]
    public int MaxFormValues { get; set; } = 500;

    /// <summary>The longest name of a form's field.</summary>
    public const int MaxFormKeyLength = 200;

    /// <summary>The most bytes of all a request's headers together, on either port (Kestrel's default, 32 KB).</summary>
    [Range(4, 256, ErrorMessage = "Limits:MaxRequestHeadersKilobytes must be from {1} to {2}.")]
    public int MaxRequestHeadersKilobytes { get; set; } = 32;
}
