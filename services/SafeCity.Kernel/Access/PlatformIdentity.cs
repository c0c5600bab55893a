using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SafeCity.Kernel.Access;

/// <summary>The roles of DESIGN.md, as the platform names them in tokens.</summary>
public static class PlatformRoles
{
    public const string Administrator = "administrator";
    public const string PerformanceManagementGroup = "pmg";
    public const string DeliveryBoard = "delivery-board";
    public const string Analyst = "analyst";

    /// <summary>An officer of a theme's lead partnership: may change that theme only.</summary>
    public static string OfficerOf(string theme) => "officer:" + theme;
}

/// <summary>A person (or service) as the gateway vouches for them: who, their roles, until when.</summary>
public sealed record PlatformUser(string Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset Expires);

public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// The key (base64, at least 32 bytes) the gateway signs identities with and every service checks
    /// them with. Without one, no caller is signed in. A secret: from the environment or a secret store.
    /// </summary>
    public string? SigningKey { get; set; }
}

/// <summary>
/// Signed identity tokens: the gateway signs in a person and sends who they are with every request
/// it forwards; each service checks the signature and the expiry again, so a request that did not
/// come through the gateway, or was altered, carries nobody.
/// </summary>
public sealed class IdentityTokens
{
    public const string Header = "X-SafeCity-Identity";
    private readonly byte[]? _key;

    public IdentityTokens(IOptions<IdentityOptions> options)
    {
        if (options.Value.SigningKey is { Length: > 0 } text)
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

/// <summary>Signs in, for one request, whoever the gateway's signed identity header names.</summary>
public sealed class PlatformIdentityHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IdentityTokens tokens, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SafeCityIdentity";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(IdentityTokens.Header, out var header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = tokens.Validate(header.ToString(), clock.GetUtcNow());
        if (user is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The identity header is not one the gateway signed, or it has expired."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user.Id), new("display_name", user.Name) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
