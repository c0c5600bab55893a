using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SafeCity.Contracts.Identity;

/// <summary>Who a token speaks for: a person the gateway signed in, a partner system, a service of the platform, or the platform's operator on its own host.</summary>
public enum TokenKind
{
    Person,
    Partner,
    Service,
    Operator,
}

/// <summary>Who a token names: an account or organisation id, a name for display, roles, and until when.</summary>
public sealed record PlatformUser(string Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset Expires);

/// <summary>A token that was checked: its kind, whom it names, and its id.</summary>
public sealed record CheckedToken(TokenKind Kind, PlatformUser User, string TokenId, DateTimeOffset IssuedAt);

/// <summary>The configuration of a process's identity keys (section Identity), as strings that environment variables and secret stores carry.</summary>
public sealed class PlatformIdentityOptions
{
    public const string Section = "Identity";

    /// <summary>The name tokens for this process carry as their audience: the service's own ("alcohol", "governance", "gateway").</summary>
    public string? Audience { get; set; }

    /// <summary>People's identities: the gateway signs (PKCS#8 SigningKey with its KeyId); every service checks with VerifyKeys.</summary>
    public SigningKeyOptions People { get; set; } = new();

    /// <summary>Partner systems' tokens: the gateway signs; every service checks.</summary>
    public SigningKeyOptions Partners { get; set; } = new();

    /// <summary>Calls between services: a ring of shared secrets every service holds.</summary>
    public string? ServiceKeys { get; set; }

    /// <summary>The platform's operator on its own host (the import, the benchmarks): a ring the gateway checks and the operator's tools sign with.</summary>
    public string? OperatorKeys { get; set; }
}

public sealed class SigningKeyOptions
{
    public string? KeyId { get; set; }
    public string? SigningKey { get; set; }
    public string? VerifyKeys { get; set; }
}

/// <summary>
/// The platform's identity tokens: JSON Web Tokens made and checked by the IdentityModel library, each
/// with its issuer (which kind, and so which keys), audience (the one service that may accept it),
/// issue time, id and a short lifetime. People's and partners' tokens are signed by the gateway's
/// private keys, which no service holds; service and operator tokens by their own rings of secrets.
/// A token of one kind cannot pass for another: each kind has its own issuer, and each issuer only
/// its own keys.
/// </summary>
public sealed class PlatformTokens
{
    public const string Header = "X-SafeCity-Identity";

    /// <summary>The audience of tokens the gateway itself accepts (partners' access tokens, operators' tokens).</summary>
    public const string GatewayAudience = "gateway";

    public static readonly TimeSpan InternalLifetime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan PartnerAccessLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan OperatorLifetime = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private const string KindClaim = "kind";
    private const string NameClaim = "name";
    private const string RoleClaim = "role";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly IReadOnlyDictionary<TokenKind, KeyRing> _rings;

    public PlatformTokens(IReadOnlyDictionary<TokenKind, KeyRing> rings, string? audience)
    {
        _rings = rings;
        Audience = audience;
    }

    /// <summary>The tokens of the configuration: empty rings where a kind is not configured (nothing of it is signed or believed).</summary>
    public static PlatformTokens From(PlatformIdentityOptions options) => new(new Dictionary<TokenKind, KeyRing>
    {
        [TokenKind.Person] = KeyRing.Private(options.People.KeyId, options.People.SigningKey, options.People.VerifyKeys),
        [TokenKind.Partner] = KeyRing.Private(options.Partners.KeyId, options.Partners.SigningKey, options.Partners.VerifyKeys),
        [TokenKind.Service] = KeyRing.Secrets(options.ServiceKeys),
        [TokenKind.Operator] = KeyRing.Secrets(options.OperatorKeys),
    }, options.Audience);

    public string? Audience { get; }

    /// <summary>Whether this process can sign tokens of the kind.</summary>
    public bool CanSign(TokenKind kind) => Ring(kind).Signing is not null;

    /// <summary>Whether this process believes any token of the kind.</summary>
    public bool CanCheck(TokenKind kind) => Ring(kind).Verifying.Count > 0;

    /// <summary>The longest a token of the kind may live: what a checker refuses beyond, whatever the token says.</summary>
    public static TimeSpan MaxLifetime(TokenKind kind) => kind switch
    {
        TokenKind.Partner => PartnerAccessLifetime,
        TokenKind.Operator => TimeSpan.FromMinutes(15),
        _ => InternalLifetime,
    };

    public static string IssuerOf(TokenKind kind) => "safecity:" + kind.ToString().ToLowerInvariant();

    public string Issue(TokenKind kind, PlatformUser user, string audience, DateTimeOffset now)
    {
        var signing = Ring(kind).Signing ?? throw new InvalidOperationException($"This process holds no key to sign {kind} tokens with.");
        var lifetime = user.Expires - now;
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(user), $"A {kind} token lives at most {MaxLifetime(kind).TotalMinutes:0} minutes.");
        }

        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = user.Id,
            [NameClaim] = user.Name,
            [KindClaim] = kind.ToString().ToLowerInvariant(),
            [RoleClaim] = user.Roles.ToArray(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerOf(kind),
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = user.Expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = signing,
        });
    }

    /// <summary>A token for this process's own audience, of one of the kinds it accepts; null when it is not one (forged, altered, expired, for another audience, too long-lived).</summary>
    public async Task<CheckedToken?> CheckAsync(string? token, IReadOnlyCollection<TokenKind> accepted, DateTimeOffset now, string? audience = null)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 8192 || !_handler.CanReadToken(token))
        {
            return null;
        }

        string issuer;
        try
        {
            issuer = _handler.ReadJsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return null; // a token's shape with a header or payload that does not decode
        }

        var kind = accepted.Cast<TokenKind?>().FirstOrDefault(k => IssuerOf(k!.Value) == issuer);
        if (kind is not { } k || Ring(k).Verifying.Count == 0 || (audience ?? Audience) is not { Length: > 0 } expected)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = IssuerOf(k),
            ValidAudience = expected,
            IssuerSigningKeys = Ring(k).Verifying,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => notBefore is { } from && expires is { } to
                && from <= now.UtcDateTime + ClockSkew && to > now.UtcDateTime - ClockSkew && to - from <= MaxLifetime(k),
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken checkedToken
            || !checkedToken.TryGetPayloadValue<string>(KindClaim, out var claimedKind) || claimedKind != k.ToString().ToLowerInvariant())
        {
            return null;
        }

        var roles = result.ClaimsIdentity.FindAll(RoleClaim).Select(c => c.Value).ToList();
        var user = new PlatformUser(checkedToken.Subject, result.ClaimsIdentity.FindFirst(NameClaim)?.Value ?? checkedToken.Subject, roles, new DateTimeOffset(checkedToken.ValidTo, TimeSpan.Zero));
        return new CheckedToken(k, user, checkedToken.Id, new DateTimeOffset(checkedToken.IssuedAt, TimeSpan.Zero));
    }

    /// <summary>An operator's token for the gateway, signed with the operator's ring (what the import and the benchmarks send as a bearer token).</summary>
    public static string OperatorToken(string operatorKeys, DateTimeOffset now, TimeSpan? lifetime = null) =>
        From(new PlatformIdentityOptions { OperatorKeys = operatorKeys }).Issue(TokenKind.Operator,
            new PlatformUser("operator", "The platform's operator", [PlatformRoles.Administrator, PlatformRoles.PlatformOperator], now.Add(lifetime ?? OperatorLifetime)), GatewayAudience, now);

    private KeyRing Ring(TokenKind kind) => _rings.TryGetValue(kind, out var ring) ? ring : KeyRing.Empty;

    /// <summary>The claims a checked token gives a signed-in caller (name, display name, roles, kind).</summary>
    public static IEnumerable<Claim> ClaimsOf(CheckedToken token) =>
        new[] { new Claim(ClaimTypes.Name, token.User.Id), new Claim(PlatformRoles.DisplayNameClaim, token.User.Name), new Claim(PlatformRoles.TokenKindClaim, token.Kind.ToString()) }
            .Concat(token.User.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
}
