using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SafeCity.Gateway.Partners;

/// <summary>A signatory of the Information Sharing Agreement, its designated officers and the categories of records it may share.</summary>
public sealed record Signatory(string Id, string Name, string AgencyType, IReadOnlyList<string> Categories, IReadOnlyList<DesignatedOfficer> Officers);

/// <summary>A signatory's designated liaison officer (Appendix B, paragraph 20).</summary>
public sealed record DesignatedOfficer(string Name, string Post, string? Email);

/// <summary>Client credentials the platform issued to an organisation's system; the secret is kept only as a hash.</summary>
public sealed record PartnerClient(string ClientId, string OrganisationId, string Label, DateTimeOffset IssuedAt, string IssuedBy, DateTimeOffset? RevokedAt);

/// <summary>
/// The register of the agreement's signatories, kept by the gateway because it is where partner
/// systems authenticate: each organisation, what it may share, its designated officers, and the
/// client credentials its systems sign in with. Seeded with the 15 signatories of Appendix B.
/// </summary>
public sealed class PartnerRegister
{
    private const int SecretBytes = 32;
    private const int HashIterations = 100_000;
    private readonly GatewayDatabase _database;
    private readonly TimeProvider _clock;

    public PartnerRegister(GatewayDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        using var connection = Open();
        connection.Execute("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS signatories (
                id TEXT PRIMARY KEY,
                document TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS partner_clients (
                client_id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL,
                label TEXT NOT NULL,
                secret_salt TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                issued_at TEXT NOT NULL,
                issued_by TEXT NOT NULL,
                revoked_at TEXT,
                failed INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT);
            """);
        if (connection.Scalar("SELECT COUNT(*) FROM signatories") is 0L)
        {
            foreach (var s in Seed())
            {
                Save(connection, s, "Appendix B");
            }
        }
    }

    public IReadOnlyList<Signatory> All()
    {
        using var connection = Open();
        return connection.Query("SELECT document FROM signatories", r => JsonSerializer.Deserialize<Signatory>(r.GetString(0))!)
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    public Signatory? Find(string id)
    {
        using var connection = Open();
        return connection.Query("SELECT document FROM signatories WHERE id = $id", r => JsonSerializer.Deserialize<Signatory>(r.GetString(0))!, ("$id", id)).FirstOrDefault();
    }

    public void SetCategories(string id, IEnumerable<string> categories, string by)
    {
        var signatory = Find(id) ?? throw new KeyNotFoundException(id);
        using var connection = Open();
        Save(connection, signatory with { Categories = categories.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() }, by);
    }

    /// <summary>Adds a designated officer; returns why not, or null.</summary>
    public string? AddOfficer(string id, string? name, string? post, string? email, string by)
    {
        var signatory = Find(id) ?? throw new KeyNotFoundException(id);
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(post))
        {
            return "Give the officer's name and post.";
        }

        if (!string.IsNullOrWhiteSpace(email) && !email.Contains('@', StringComparison.Ordinal))
        {
            return "The e-mail address is not one.";
        }

        using var connection = Open();
        Save(connection, signatory with { Officers = [.. signatory.Officers, new DesignatedOfficer(name.Trim(), post.Trim(), string.IsNullOrWhiteSpace(email) ? null : email.Trim())] }, by);
        return null;
    }

    public void RemoveOfficer(string id, int index, string by)
    {
        var signatory = Find(id) ?? throw new KeyNotFoundException(id);
        if (index >= 0 && index < signatory.Officers.Count)
        {
            using var connection = Open();
            Save(connection, signatory with { Officers = signatory.Officers.Where((_, i) => i != index).ToList() }, by);
        }
    }

    /// <summary>Issues client credentials for one of the organisation's systems: the secret is returned this once only.</summary>
    public (string ClientId, string Secret) IssueClient(string organisationId, string label, string by)
    {
        _ = Find(organisationId) ?? throw new KeyNotFoundException(organisationId);
        var clientId = "sc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(16);
        using var connection = Open();
        connection.Execute("""
            INSERT INTO partner_clients (client_id, organisation_id, label, secret_salt, secret_hash, issued_at, issued_by)
            VALUES ($c, $o, $l, $s, $h, $at, $by)
            """, ("$c", clientId), ("$o", organisationId), ("$l", label), ("$s", Convert.ToBase64String(salt)), ("$h", Convert.ToBase64String(Hash(secret, salt))),
            ("$at", _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)), ("$by", by));
        return (clientId, secret);
    }

    public IReadOnlyList<PartnerClient> Clients(string organisationId)
    {
        using var connection = Open();
        return connection.Query("SELECT client_id, organisation_id, label, issued_at, issued_by, revoked_at FROM partner_clients WHERE organisation_id = $o ORDER BY issued_at",
            r => new PartnerClient(r.GetString(0), r.GetString(1), r.GetString(2), DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture), r.GetString(4),
                r.IsDBNull(5) ? null : DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture)), ("$o", organisationId));
    }

    public void RevokeClient(string clientId)
    {
        using var connection = Open();
        connection.Execute("UPDATE partner_clients SET revoked_at = $at WHERE client_id = $c AND revoked_at IS NULL",
            ("$at", _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)), ("$c", clientId));
    }

    /// <summary>
    /// The organisation whose live credentials these are, or null: unknown, revoked, a wrong secret, or
    /// locked by <see cref="SignInLockout"/> after wrong secrets in a row
    /// (which of them is not said). A locked client is refused without its secret being hashed, so
    /// guessing costs the gateway nothing more.
    /// </summary>
    public Signatory? Verify(string? clientId, string? secret)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret) || clientId.Length > 100 || secret.Length > 200)
        {
            return null;
        }

        var now = _clock.GetUtcNow();
        using var connection = Open();
        var row = connection.Query("SELECT organisation_id, secret_salt, secret_hash, failed, locked_until FROM partner_clients WHERE client_id = $c AND revoked_at IS NULL",
            r => (Organisation: r.GetString(0), Salt: Convert.FromBase64String(r.GetString(1)), Hash: Convert.FromBase64String(r.GetString(2)), Failed: r.GetInt32(3),
                LockedUntil: r.IsDBNull(4) ? (DateTimeOffset?)null : DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture)), ("$c", clientId)).FirstOrDefault();
        if (row.Organisation is null || row.LockedUntil > now)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(Hash(secret, row.Salt), row.Hash))
        {
            var (failed, lockedUntil) = SignInLockout.AfterFailure(row.Failed, now);
            connection.Execute("UPDATE partner_clients SET failed = $f, locked_until = $l WHERE client_id = $c",
                ("$f", failed), ("$l", lockedUntil), ("$c", clientId));
            return null;
        }

        connection.Execute("UPDATE partner_clients SET failed = 0, locked_until = NULL WHERE client_id = $c", ("$c", clientId));
        return Find(row.Organisation);
    }

    private SqliteConnection Open() => _database.Open();

    private static byte[] Hash(string secret, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, HashIterations, HashAlgorithmName.SHA256, 32);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static IEnumerable<Signatory> Seed()
    {
        using var stream = typeof(PartnerRegister).Assembly.GetManifestResourceStream("seed/signatories.json")
            ?? throw new InvalidOperationException("The gateway carries no seed/signatories.json.");
        using var document = JsonDocument.Parse(stream);
        foreach (var s in document.RootElement.GetProperty("signatories").EnumerateArray())
        {
            yield return new Signatory(s.GetProperty("id").GetString()!, s.GetProperty("name").GetString()!, s.GetProperty("agencyType").GetString()!,
                s.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList(), []);
        }
    }

    private void Save(SqliteConnection connection, Signatory signatory, string by) =>
        connection.Execute("""
            INSERT INTO signatories (id, document, updated_at, updated_by) VALUES ($id, $d, $at, $by)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, ("$id", signatory.Id), ("$d", JsonSerializer.Serialize(signatory)), ("$at", _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)), ("$by", by));
}
