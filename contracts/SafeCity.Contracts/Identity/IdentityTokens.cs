using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SafeCity.Contracts.Identity;

/// <summary>A person (or service) as the gateway vouches for them: who, their roles, until when.</summary>
public sealed record PlatformUser(string Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset Expires);

/// <summary>
/// The signed identity the gateway adds to every request it forwards, and every service checks:
/// "payload.signature", the payload JSON (who, roles, expiry) and its HMAC-SHA256 under the
/// platform's signing key, both base64url. A token signed with another key, altered or expired
/// names nobody.
/// </summary>
public sealed class IdentityTokens
{
    public const string Header = "X-SafeCity-Identity";
    private readonly byte[]? _key;

    /// <param name="signingKey">Base64, at least 32 bytes; null or empty: nobody can be signed in.</param>
    public IdentityTokens(string? signingKey)
    {
        if (signingKey is { Length: > 0 } text)
        {
            _key = Convert.FromBase64String(text);
            if (_key.Length < 32)
            {
                throw new InvalidOperationException("Identity:SigningKey must be at least 32 bytes (base64).");
            }
        }
    }

    public bool CanVerify => _key is not null;

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Issue(PlatformUser user)
    {
        var key = _key ?? throw new InvalidOperationException("No Identity:SigningKey is configured to sign with.");
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Payload(user.Id, user.Name, user.Roles.ToArray(), user.Expires.ToUnixTimeSeconds())));
        return payload + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));
    }

    /// <summary>The user a token names, or null when it is malformed, forged or expired.</summary>
    public PlatformUser? Validate(string? token, DateTimeOffset now)
    {
        if (_key is null || token is null || token.Split('.') is not [var payload, var signature])
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));
        byte[] given;
        try
        {
            given = FromBase64Url(signature);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return null;
        }

        var body = JsonSerializer.Deserialize<Payload>(FromBase64Url(payload));
        if (body is null || DateTimeOffset.FromUnixTimeSeconds(body.Exp) <= now)
        {
            return null;
        }

        return new PlatformUser(body.Sub, body.Name, body.Roles, DateTimeOffset.FromUnixTimeSeconds(body.Exp));
    }

    private sealed record Payload(string Sub, string Name, string[] Roles, long Exp);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
