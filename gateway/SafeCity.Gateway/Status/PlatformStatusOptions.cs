using System.ComponentModel.DataAnnotations;

namespace SafeCity.Gateway.Status;

/// <summary>Settings of the status the gateway keeps of the parts behind it (Gateway:Status).</summary>
public sealed class PlatformStatusOptions
{
    public const string Section = "Gateway:Status";

    /// <summary>How often each part's own /health is asked.</summary>
    [Range(1, 3600, ErrorMessage = "Gateway:Status:IntervalSeconds must be from {1} to {2}.")]
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>How long one answer may take before the part counts as down.</summary>
    [Range(1, 60, ErrorMessage = "Gateway:Status:TimeoutSeconds must be from {1} to {2}.")]
    public int TimeoutSeconds { get; set; } = 2;

    /// <summary>What a 503 asks a caller to wait before trying again.</summary>
    [Range(1, 3600, ErrorMessage = "Gateway:Status:RetryAfterSeconds must be from {1} to {2}.")]
    public int RetryAfterSeconds { get; set; } = 10;
}
