using SafeCity.Contracts.Identity;

namespace SafeCity.AppHost;

/// <summary>
/// The identity keys of one start of the AppHost: the gateway's private keys for people's and
/// partners' tokens (the services get the public halves), the services' shared secret, and the
/// operator's ring (given, for a test that calls as the operator, or new).
/// </summary>
public sealed class PlatformIdentityKeys(string? operatorKeys)
{
    private const string Id = "apphost";
    private readonly (string Private, string Public) _people = KeyRing.NewKeyPair();
    private readonly (string Private, string Public) _partners = KeyRing.NewKeyPair();
    private readonly string _services = KeyRing.NewSecret(Id);
    private readonly string _operator = operatorKeys is { Length: > 0 } given ? given : KeyRing.NewSecret(Id);

    public IEnumerable<KeyValuePair<string, string>> ForGateway() =>
    [
        new("Identity__People__KeyId", Id),
        new("Identity__People__SigningKey", _people.Private),
        new("Identity__Partners__KeyId", Id),
        new("Identity__Partners__SigningKey", _partners.Private),
        new("Identity__ServiceKeys", _services),
        new("Identity__OperatorKeys", _operator),
    ];

    public IEnumerable<KeyValuePair<string, string>> ForService() =>
    [
        new("Identity__People__VerifyKeys", $"{Id}={_people.Public}"),
        new("Identity__Partners__VerifyKeys", $"{Id}={_partners.Public}"),
        new("Identity__ServiceKeys", _services),
    ];
}
