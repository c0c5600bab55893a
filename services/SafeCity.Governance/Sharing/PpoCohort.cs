using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.ServiceDefaults;

namespace SafeCity.Governance.Sharing;

/// <summary>The personal data of a cohort member, held only encrypted.</summary>
public sealed record PersonalDetails(string Name, DateOnly DateOfBirth, string? PoliceNationalComputerId);

/// <summary>A member of the prolific and priority offender cohort as stored: a pseudonym, and their details encrypted.</summary>
public sealed record CohortMember(string Pseudonym, string SharedBy, DateOnly AddedOn, string AddedBy, string Sealed);

/// <summary>The grounds paragraph 17b of Appendix B gives for disclosure in the public interest.</summary>
public static class DisclosureGrounds
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Administration of justice", "Maintaining public safety", "Apprehending offenders", "Preventing crime and disorder", "Detecting crime",
        "Protecting vulnerable members of the community",
    ];
}

/// <summary>
/// A record of disclosure (Appendix B, paragraph 24): date; the subject (here by pseudonym: their
/// details are in the cohort, sealed); the designated officer requesting; a summary of what was
/// disclosed, received or requested; the grounds; the designated officer authorising.
/// </summary>
public sealed record DisclosureRecord(string Id, DateTimeOffset At, string Kind, string Subject, string RequestingOfficer, string Summary, string Grounds, string AuthorisingOfficer);

public sealed class DisclosureException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// The PPO cohort the police, probation and the council share (the personal data the agreement
/// allows): each member known by a pseudonym, their personal details encrypted at rest (AES-GCM) with
/// the partnership's personal-data key, shown only to a designated officer of the scheme, and only
/// through a disclosure that is recorded first. Receiving a member's details is recorded the same way.
/// </summary>
public sealed class PpoCohort(IDocumentStore documents, PersonalDataKey key, TimeProvider clock)
{
    private const string Members = "ppo-cohort";
    private const string Disclosures = "disclosure-log";

    public static IReadOnlyList<string> SharingOrganisations { get; } = ["Hampshire Constabulary", "Hampshire Probation Service", "Southampton City Council"];

    public async Task<IReadOnlyList<CohortMember>> MembersAsync(CancellationToken ct) =>
        (await documents.ListAsync<CohortMember>(Members, ct)).OrderBy(m => m.Pseudonym, StringComparer.Ordinal).ToList();

    /// <summary>Adds a member the police, probation or the council shared, recording their receipt.</summary>
    public async Task<CohortMember> AddAsync(string? name, string? dateOfBirth, string? pnc, string? sharedBy, string officer, string? authorisingOfficer, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DisclosureException("name", "Enter the person's name.");
        }

        if (!DateOnly.TryParseExact(dateOfBirth?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) || born > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            throw new DisclosureException("dateOfBirth", "Enter the date of birth as yyyy-MM-dd.");
        }

        if (sharedBy is null || !SharingOrganisations.Contains(sharedBy))
        {
            throw new DisclosureException("sharedBy", "Choose the organisation that shared it: " + string.Join(", ", SharingOrganisations) + ".");
        }

        var authoriser = Required(authorisingOfficer, "authorisingOfficer", "Name the designated officer authorising the receipt.");
        var details = new PersonalDetails(name.Trim(), born, string.IsNullOrWhiteSpace(pnc) ? null : pnc.Trim());
        var pseudonym = key.Pseudonym(details.Name, born);
        var member = new CohortMember(pseudonym, sharedBy, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), officer, key.Seal(JsonSerializer.Serialize(details)));
        if (!await documents.InsertAsync(Members, pseudonym, member, ct))
        {
            throw new DisclosureException("name", $"This person is in the cohort already, as {pseudonym}.");
        }

        await RecordAsync("received", pseudonym, officer, $"Name, date of birth{(details.PoliceNationalComputerId is null ? "" : " and PNC id")} received from {sharedBy} for the PPO cohort.",
            DisclosureGrounds.All[3], authoriser, ct);
        return member;
    }

    /// <summary>Discloses a member's details to a designated officer: the record is written first, then the details are returned.</summary>
    public async Task<PersonalDetails> DiscloseAsync(string pseudonym, string officer, string? summary, string? grounds, string? authorisingOfficer, CancellationToken ct)
    {
        var member = await documents.GetAsync<CohortMember>(Members, pseudonym, ct) ?? throw new DisclosureException("subject", $"There is no cohort member {pseudonym}.");
        if (grounds is null || !DisclosureGrounds.All.Contains(grounds))
        {
            throw new DisclosureException("grounds", "Choose the grounds for disclosure (paragraph 17b).");
        }

        var why = Required(summary, "summary", "Say what is disclosed and for what purpose (paragraph 18: it may be used for that purpose only).");
        var authoriser = Required(authorisingOfficer, "authorisingOfficer", "Name the designated officer authorising the disclosure.");
        if (string.Equals(authoriser, officer, StringComparison.OrdinalIgnoreCase))
        {
            throw new DisclosureException("authorisingOfficer", "The authorising officer is someone other than the officer requesting.");
        }

        await RecordAsync("disclosed", pseudonym, officer, why, grounds, authoriser, ct);
        return JsonSerializer.Deserialize<PersonalDetails>(key.Open(member.Sealed))!;
    }

    /// <summary>
    /// Removes a member whose details are no longer needed (paragraph 26: securely dispose when no longer
    /// needed): their sealed details are deleted; the disclosure log keeps the pseudonym, which without
    /// the details identifies no one.
    /// </summary>
    public async Task RemoveAsync(string pseudonym, string officer, string? reason, CancellationToken ct)
    {
        var why = Required(reason, "reason", "Say why the details are no longer needed.");
        if (!await documents.DeleteAsync(Members, pseudonym, ct))
        {
            throw new DisclosureException("subject", $"There is no cohort member {pseudonym}.");
        }

        await RecordAsync("disposed", pseudonym, officer, "Details deleted: " + why, "No longer needed (paragraph 26)", officer, ct);
    }

    /// <summary>The disclosure log, newest first, filtered by subject, officer (requesting or authorising) and dates.</summary>
    public async Task<IReadOnlyList<DisclosureRecord>> LogAsync(string? subject, string? officer, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        (await documents.ListAsync<DisclosureRecord>(Disclosures, ct))
            .Where(d => string.IsNullOrWhiteSpace(subject) || d.Subject.Contains(subject.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(d => string.IsNullOrWhiteSpace(officer) || d.RequestingOfficer.Contains(officer.Trim(), StringComparison.OrdinalIgnoreCase) || d.AuthorisingOfficer.Contains(officer.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(d => from is null || DateOnly.FromDateTime(d.At.UtcDateTime) >= from)
            .Where(d => to is null || DateOnly.FromDateTime(d.At.UtcDateTime) <= to)
            .OrderByDescending(d => d.At).ToList();

    public static string Csv(IReadOnlyList<DisclosureRecord> log)
    {
        var csv = new StringBuilder("date,kind,subject,requesting_officer,summary,grounds,authorising_officer\r\n");
        foreach (var d in log)
        {
            csv.AppendJoin(',', new[] { d.At.ToString("O", CultureInfo.InvariantCulture), d.Kind, d.Subject, d.RequestingOfficer, d.Summary, d.Grounds, d.AuthorisingOfficer }.Select(SafeCity.Kernel.Text.CsvField)).Append("\r\n");
        }

        return csv.ToString();
    }

    private async Task RecordAsync(string kind, string subject, string officer, string summary, string grounds, string authoriser, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var record = new DisclosureRecord(at.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6], at, kind, subject, officer, summary, grounds, authoriser);
        await documents.InsertAsync(Disclosures, record.Id, record, ct);
    }

    private static string Required(string? text, string field, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DisclosureException(field, message) : text.Trim();
}

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
