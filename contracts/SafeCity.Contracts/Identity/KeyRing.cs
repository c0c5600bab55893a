using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SafeCity.Contracts.Identity;

/// <summary>
/// The keys of one kind of token: the one that signs (where this process signs that kind) and every
/// one that is still believed, each by its key id, so that a new key can be added beside the old and
/// the old retired later without refusing the tokens in between. A ring is written
/// <c>id=base64;id=base64</c>: symmetric secrets for service and operator tokens (the first signs),
/// EC P-256 public keys (SubjectPublicKeyInfo) for the people's and partners' tokens the gateway
/// alone signs with its private key (PKCS#8).
/// </summary>
public sealed class KeyRing
{
    private KeyRing(SigningCredentials? signing, IReadOnlyList<SecurityKey> verifying)
    {
        Signing = signing;
        Verifying = verifying;
    }

    public static KeyRing Empty { get; } = new(null, []);

    public SigningCredentials? Signing { get; }

    public IReadOnlyList<SecurityKey> Verifying { get; }

    /// <summary>Shared secrets (at least 32 bytes each): every holder may sign and check.</summary>
    public static KeyRing Secrets(string? ring)
    {
        var keys = Entries(ring, "secret").Select(e =>
        {
            var bytes = Convert.FromBase64String(e.Value);
            return bytes.Length >= 32
                ? new SymmetricSecurityKey(bytes) { KeyId = e.Id }
                : throw new InvalidOperationException($"Identity key {e.Id} is shorter than 32 bytes.");
        }).ToList();
        return new KeyRing(keys.Count == 0 ? null : new SigningCredentials(keys[0], SecurityAlgorithms.HmacSha256), keys);
    }

    /// <summary>The gateway's own: a private key that signs (its public half checks too), beside the public keys of a ring.</summary>
    public static KeyRing Private(string? keyId, string? pkcs8, string? verifyRing)
    {
        var verifying = Public(verifyRing).Verifying.ToList();
        if (string.IsNullOrWhiteSpace(pkcs8))
        {
            return new KeyRing(null, verifying);
        }

        var ec = ECDsa.Create();
        ec.ImportPkcs8PrivateKey(Convert.FromBase64String(pkcs8.Trim()), out _);
        var id = string.IsNullOrWhiteSpace(keyId) ? throw new InvalidOperationException("A signing key needs its key id.") : keyId.Trim();
        var key = new ECDsaSecurityKey(ec) { KeyId = id };
        if (verifying.All(v => v.KeyId != id))
        {
            var half = ECDsa.Create();
            half.ImportSubjectPublicKeyInfo(ec.ExportSubjectPublicKeyInfo(), out _);
            verifying.Insert(0, new ECDsaSecurityKey(half) { KeyId = id });
        }

        return new KeyRing(new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256), verifying);
    }

    /// <summary>Public keys only: what a service holds to check the gateway's tokens, and cannot sign with.</summary>
    public static KeyRing Public(string? ring) => new(null, Entries(ring, "public key").Select(e =>
    {
        var ec = ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(Convert.FromBase64String(e.Value), out _);
        return (SecurityKey)new ECDsaSecurityKey(ec) { KeyId = e.Id };
    }).ToList());

    /// <summary>A new shared secret, written as a one-key ring.</summary>
    public static string NewSecret(string id) => $"{id}={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";

    /// <summary>A new EC P-256 key pair: the private key (PKCS#8) and its public key (SubjectPublicKeyInfo), each base64.</summary>
    public static (string Private, string Public) NewKeyPair()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (Convert.ToBase64String(ec.ExportPkcs8PrivateKey()), Convert.ToBase64String(ec.ExportSubjectPublicKeyInfo()));
    }

    private static IEnumerable<(string Id, string Value)> Entries(string? ring, string what) =>
        (ring ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(entry =>
        {
            var cut = entry.IndexOf('=', StringComparison.Ordinal);
            return cut > 0 && cut < entry.Length - 1
                ? (entry[..cut].Trim(), entry[(cut + 1)..].Trim())
                : throw new InvalidOperationException($"An identity {what} is written id=base64; one entry is not.");
        });
}
