using Microsoft.AspNetCore.Hosting;
using SafeCity.Contracts.Identity;

namespace SafeCity.Testing;

/// <summary>
/// The identity keys of the in-process services under test, made once: the services are given the
/// public halves and the services' secret, as a deployment gives them; the tests sign as the gateway
/// (people, partners) or as another service would.
/// </summary>
public static class TestIdentity
{
    private static readonly (string Private, string Public) People = KeyRing.NewKeyPair();
    private static readonly (string Private, string Public) Partners = KeyRing.NewKeyPair();
    private static readonly string Services = KeyRing.NewSecret("test");

    /// <summary>Signs as the gateway and the services do.</summary>
    public static PlatformTokens Signer { get; } = PlatformTokens.From(new PlatformIdentityOptions
    {
        People = new SigningKeyOptions { KeyId = "test", SigningKey = People.Private },
        Partners = new SigningKeyOptions { KeyId = "test", SigningKey = Partners.Private },
        ServiceKeys = Services,
    });

    /// <summary>What a service is given: public keys and the services' ring.</summary>
    public static IReadOnlyDictionary<string, string> ServiceSettings { get; } = new Dictionary<string, string>
    {
        ["Identity:People:VerifyKeys"] = "test=" + People.Public,
        ["Identity:Partners:VerifyKeys"] = "test=" + Partners.Public,
        ["Identity:ServiceKeys"] = Services,
    };

    public static IWebHostBuilder UseTestIdentity(this IWebHostBuilder builder)
    {
        foreach (var (key, value) in ServiceSettings)
        {
            builder.UseSetting(key, value);
        }

        return builder;
    }

    /// <summary>A person the gateway signed in, for one service.</summary>
    public static string Person(string audience, string id, IReadOnlyList<string> roles, DateTimeOffset? now = null) =>
        Sign(TokenKind.Person, audience, id, roles, now);

    /// <summary>A partner system as the gateway forwards it, for one service.</summary>
    public static string Partner(string audience, string organisation, IReadOnlyList<string> roles, DateTimeOffset? now = null) =>
        Sign(TokenKind.Partner, audience, organisation, roles, now);

    public static string Service(string audience, string caller, DateTimeOffset? now = null) =>
        Sign(TokenKind.Service, audience, "service:" + caller, [PlatformRoles.Analyst], now);

    private static string Sign(TokenKind kind, string audience, string id, IReadOnlyList<string> roles, DateTimeOffset? now)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        return Signer.Issue(kind, new PlatformUser(id, id, roles, at.Add(PlatformTokens.InternalLifetime)), audience, at);
    }
}
