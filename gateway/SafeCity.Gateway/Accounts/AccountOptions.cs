using System.ComponentModel.DataAnnotations;

namespace SafeCity.Gateway.Accounts;

/// <summary>How long one-time passwords and idle sessions last (section Identity).</summary>
public sealed class AccountOptions
{
    public const string Section = "Identity";

    /// <summary>How long a one-time password may be used (Identity:OneTimePasswordHours, default 24).</summary>
    [Range(1.0, 168.0, ErrorMessage = "Identity:OneTimePasswordHours must be from {1} to {2}.")]
    public double OneTimePasswordHours { get; set; } = 24;

    /// <summary>How long a session lives without a request (Identity:SessionMinutes, default 20).</summary>
    [Range(1, 1440, ErrorMessage = "Identity:SessionMinutes must be from {1} to {2}.")]
    public int SessionMinutes { get; set; } = 20;

    public TimeSpan OneTimePasswordLifetime => TimeSpan.FromHours(OneTimePasswordHours);

    public TimeSpan SessionIdle => TimeSpan.FromMinutes(SessionMinutes);
}
