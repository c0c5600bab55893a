using SafeCity.Contracts.Identity;

namespace SafeCity.LocalPlatform;

/// <summary>
/// The identity keys of one run of the platform, new at every start: the gateway's private keys for
/// people's and partners' tokens (the services get their public halves only), the services' shared
/// secret for calls between them, and the operator's secret, which the gateway checks and the tools on
/// this host sign with (kept in keys/operator.key, readable by its owner alone).
/// </summary>
public sealed class PlatformKeys
{
    private readonly (string Private, string Public) _people = KeyRing.NewKeyPair();
    private readonly (string Private, string Public) _partners = KeyRing.NewKeyPair();
    private readonly string _id = "run-" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public PlatformKeys()
    {
        ServiceKeys = KeyRing.NewSecret(_id);
        OperatorKeys = KeyRing.NewSecret(_id);
    }

    public string ServiceKeys { get; }

    public string OperatorKeys { get; }

    /// <summary>Where the operator's key is kept for the tools on this machine.</summary>
    public static string OperatorKeyFile(string dataDirectory) => Path.Combine(dataDirectory, "keys", "operator.key");

    /// <summary>The gateway's settings: both private keys, the services' ring (it calls the themes), the operator's ring.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ForGateway() =>
    [
        new("Identity__People__KeyId", _id),
        new("Identity__People__SigningKey", _people.Private),
        new("Identity__Partners__KeyId", _id),
        new("Identity__Partners__SigningKey", _partners.Private),
        new("Identity__ServiceKeys", ServiceKeys),
        new("Identity__OperatorKeys", OperatorKeys),
    ];

    /// <summary>A service's settings: the public halves, and the services' ring.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ForService() =>
    [
        new("Identity__People__VerifyKeys", $"{_id}={_people.Public}"),
        new("Identity__Partners__VerifyKeys", $"{_id}={_partners.Public}"),
        new("Identity__ServiceKeys", ServiceKeys),
    ];

    /// <summary>Every key of this run, signing: for tests and the benchmarks, which act as any caller.</summary>
    public PlatformTokens All(string? audience = null) => PlatformTokens.From(new PlatformIdentityOptions
    {
        Audience = audience,
        People = new SigningKeyOptions { KeyId = _id, SigningKey = _people.Private },
        Partners = new SigningKeyOptions { KeyId = _id, SigningKey = _partners.Private },
        ServiceKeys = ServiceKeys,
        OperatorKeys = OperatorKeys,
    });

    /// <summary>A token of the platform's operator for the gateway (minutes long): what the import and the benchmarks send as a bearer token.</summary>
    public string OperatorToken(TimeSpan? lifetime = null) => PlatformTokens.OperatorToken(OperatorKeys, DateTimeOffset.UtcNow, lifetime);
}
