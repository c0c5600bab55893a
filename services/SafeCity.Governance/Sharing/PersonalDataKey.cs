using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SafeCity.ServiceDefaults;

namespace SafeCity.Governance.Sharing;

/// <summary>
/// The partnership's key for personal data at rest: InformationSharing:PersonalDataKey (base64, 32
/// bytes, from the deployment's secret store), or else a key made once and kept in the data folder,
/// readable by its owner only. Losing it makes the cohort's details unreadable: back it up with the data.
/// </summary>
public sealed class PersonalDataKey
{
    private readonly byte[] _key;

    public PersonalDataKey(byte[] key) => _key = key.Length == 32 ? key : throw new InvalidOperationException("The personal-data key must be 32 bytes.");

    public static PersonalDataKey From(IConfiguration configuration, string dataDirectory)
    {
        if (configuration["InformationSharing:PersonalDataKey"] is { Length: > 0 } configured)
        {
            return new PersonalDataKey(Convert.FromBase64String(configured));
        }

        var file = Path.Combine(dataDirectory, "personal-data.key");
        if (!File.Exists(file))
        {
            OwnerOnly.WriteAllTextAsync(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), CancellationToken.None).GetAwaiter().GetResult();
        }

        return new PersonalDataKey(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    /// <summary>The same person always gets the same pseudonym, which says nothing about them without the key.</summary>
    public string Pseudonym(string name, DateOnly born)
    {
        var normal = string.Join(' ', name.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "|" + born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return "PPO-" + Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normal)))[..8];
    }

    public string Seal(string plain)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var data = Encoding.UTF8.GetBytes(plain);
        var cipher = new byte[data.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(_key, tag.Length);
        aes.Encrypt(nonce, data, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Open(string sealedText)
    {
        var all = Convert.FromBase64String(sealedText);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[all.Length - nonceSize - tagSize];
        using var aes = new AesGcm(_key, tagSize);
        aes.Decrypt(all.AsSpan(0, nonceSize), all.AsSpan(nonceSize + tagSize), all.AsSpan(nonceSize, tagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
