using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCity.Contracts.InformationSharing;
using SafeCity.Gateway.SignIn;
using SafeCity.Storage;

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
    private const string Paragraph19Upgrade = "Appendix B, paragraph 19";
    private const int SecretBytes = 32;
    private const int HashIterations = 100_000;
    private const int MaxClientIdLength = 100;
    private const int MaxSecretLength = 200;
    private const int MaxTextLength = 200;
    private const int MaxEmailLength = 254;
    // A gateway.db of 26 November 2026 also holds partner_clients.failed and .locked_until, read by
    // nothing since the sign-in guard counts failures by client and address.
    public static readonly StoreSchema Schema = new("partner-register",
        SchemaMigration.Sql(1, "the signatories of the agreement and their systems' credentials", """
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
                revoked_at TEXT);
            """),
        SchemaMigration.Sql(2, "upgrades made once to the register's contents", "CREATE TABLE IF NOT EXISTS register_upgrades (name TEXT PRIMARY KEY, at TEXT NOT NULL)"));

    private readonly SqliteFile _database;
    private readonly TimeProvider _clock;
    private readonly SignInGuard _guard;
    private readonly byte[] _standInSalt = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] _standInHash = RandomNumberGenerator.GetBytes(32);

    public PartnerRegister(SqliteFile database, TimeProvider clock, SignInGuard guard)
    {
        _database = database;
        _clock = clock;
        _guard = guard;
        Schema.Apply(database);
        using var connection = Open();
        var seeded = connection.Scalar("SELECT COUNT(*) FROM signatories") is not 0L;
        if (!seeded)
        {
            foreach (var s in Seed())
            {
                Save(connection, s, "Appendix B");
            }
        }
        else if (connection.Scalar("SELECT COUNT(*) FROM register_upgrades WHERE name = $n", ("$n", Paragraph19Upgrade)) is 0L)
        {
            // A register from before paragraph 19's lists were the defaults: each signatory gains what the
            // agreement lists for it, keeping what an administrator gave it. Once only, so that what an
            // administrator takes away later stays away.
            foreach (var s in All())
            {
                var listed = SharingAgreement.Paragraph19.CategoriesOf(s.Id);
                Save(connection, s with { Categories = s.Categories.Union(listed, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() }, Paragraph19Upgrade);
            }
        }

        connection.Execute("INSERT OR IGNORE INTO register_upgrades (name, at) VALUES ($n, $at)", ("$n", Paragraph19Upgrade), ("$at", _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
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

    /// <summary>Adds a designated officer; which field is wrong and why, or null.</summary>
    public (string Field, string Message)? AddOfficer(string id, string? name, string? post, string? email, string by)
    {
        var signatory = Find(id) ?? throw new KeyNotFoundException(id);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxTextLength)
        {
            return ("name", $"Give the officer's name (up to {MaxTextLength} characters).");
        }

        if (string.IsNullOrWhiteSpace(post) || post.Trim().Length > MaxTextLength)
        {
            return ("post", $"Give the officer's post (up to {MaxTextLength} characters).");
        }

        if (!string.IsNullOrWhiteSpace(email) && (email.Trim().Length > MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _)))
        {
            return ("email", $"Give an e-mail address like name@example.org (up to {MaxEmailLength} characters), or none.");
        }

        using var connection = Open();
        Save(connection, signatory with { Officers = [.. signatory.Officers, new DesignatedOfficer(name.Trim(), post.Trim(), string.IsNullOrWhiteSpace(email) ? null : email.Trim())] }, by);
        return null;
    }

    /// <summary>Removes the officer at the index; the one removed, or null where there is none there.</summary>
    public DesignatedOfficer? RemoveOfficer(string id, int index, string by)
    {
        var signatory = Find(id) ?? throw new KeyNotFoundException(id);
        if (index < 0 || index >= signatory.Officers.Count)
        {
            return null;
        }

        using var connection = Open();
        Save(connection, signatory with { Officers = signatory.Officers.Where((_, i) => i != index).ToList() }, by);
        return signatory.Officers[index];
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

    /// <summary>
    /// Why a partner's token no longer stands, or null while it does: its client credentials revoked, or a
    /// category it names no longer one its organisation may share. A token that names no credentials (an
    /// older gateway's, for at most its 15 minutes) is held to its organisation's categories alone.
    /// </summary>
    public string? Standing(string? clientId, string organisationId, IEnumerable<string> shares)
    {
        using var connection = Open();
        var live = clientId is null || connection.Scalar("SELECT 1 FROM partner_clients WHERE client_id = $c AND organisation_id = $o AND revoked_at IS NULL",
            ("$c", clientId), ("$o", organisationId)) is not null;
        if (!live)
        {
            return "The client credentials this token was issued to have been revoked.";
        }

        var now = Find(organisationId)?.Categories.ToHashSet(StringComparer.Ordinal) ?? [];
        return shares.All(now.Contains) ? null : "What your organisation may share has changed: ask for a new token.";
    }

    /// <summary>Revokes one of the organisation's clients; whether there was a live one to revoke.</summary>
    public bool RevokeClient(string organisationId, string clientId)
    {
        using var connection = Open();
        return connection.Execute("UPDATE partner_clients SET revoked_at = $at WHERE client_id = $c AND organisation_id = $o AND revoked_at IS NULL",
            ("$at", _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)), ("$c", clientId), ("$o", organisationId)) == 1;
    }

    /// <summary>
    /// The organisation whose live credentials these are, or null: unknown, revoked, a wrong secret, or
    /// too many wrong secrets for this client from this address (<see cref="SignInGuard"/>; which of
    /// them is not said). Every attempt let through hashes a secret once, so an unknown client answers no faster
    /// than a wrong secret; a throttled or locked one hashes nothing.
    /// </summary>
    public Signatory? Verify(string? clientId, string? secret, string address) => Verify(clientId, secret, address, out _);

    /// <summary>As <see cref="Verify(string?, string?, string)"/>, saying how the attempt was counted: a throttled or locked one is refused before any hash.</summary>
    public Signatory? Verify(string? clientId, string? secret, string address, out SignInAttempt attempt)
    {
        var id = clientId is { Length: > 0 and <= MaxClientIdLength } ? clientId : "";
        attempt = _guard.Begin("client:" + id, address);
        if (!attempt.Allowed)
        {
            return null;
        }

        using var connection = Open();
        var row = connection.Query("SELECT organisation_id, secret_salt, secret_hash FROM partner_clients WHERE client_id = $c AND revoked_at IS NULL",
            r => (Organisation: r.GetString(0), Salt: Convert.FromBase64String(r.GetString(1)), Hash: Convert.FromBase64String(r.GetString(2))), ("$c", id)).FirstOrDefault();
        var given = secret is { Length: > 0 and <= MaxSecretLength } ? secret : "";
        var right = CryptographicOperations.FixedTimeEquals(Hash(given, row.Salt ?? _standInSalt), row.Hash ?? _standInHash)
            && row.Organisation is not null && given.Length > 0;
        if (!right)
        {
            _guard.Failed(attempt);
            return null;
        }

        _guard.Succeeded(attempt);
        return Find(row.Organisation!);
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
            var id = s.GetProperty("id").GetString()!;
            var categories = SharingAgreement.Paragraph19.CategoriesOf(id).Concat(s.GetProperty("additions").EnumerateArray().Select(c => c.GetString()!))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            yield return new Signatory(id, s.GetProperty("name").GetString()!, s.GetProperty("agencyType").GetString()!, categories, []);
        }
    }

    private void Save(SqliteConnection connection, Signatory signatory, string by) =>
        connection.Execute("""
            INSERT INTO signatories (id, document, updated_at, updated_by) VALUES ($id, $d, $at, $by)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, ("$id", signatory.Id), ("$d", JsonSerializer.Serialize(signatory)), ("$at", _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)), ("$by", by));
}
