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
/// A designated officer as the log names them: the account they signed in with (unique) and its
/// display name at the time (for reading; not unique).
/// </summary>
public sealed record OfficerAccount(string Account, string Name)
{
    public override string ToString() => $"{Name} ({Account})";
}

/// <summary>
/// A record of disclosure (Appendix B, paragraph 24), one for each step: personal data received,
/// requested, authorised or refused, disclosed, disposed. It holds the date; the subject by pseudonym,
/// with their details sealed under the personal-data key; the designated officer making the request
/// (account, display name, and the post and organisation they gave); a summary; the grounds; with or
/// without consent; and the designated officer dealing with or authorising it. A receipt's authoriser
/// is the sharing organisation's officer, who has no account here.
/// </summary>
/// <remarks>Fields after <see cref="AuthorisingOfficer"/> were added later: older records lack them.</remarks>
public sealed record DisclosureRecord(
    string Id, DateTimeOffset At, string Kind, string Subject, string RequestingOfficer, string Summary, string Grounds, string AuthorisingOfficer,
    string? RequestingAccount = null, string? RequestingOfficerDetails = null, string? AuthorisingAccount = null, string? Consent = null,
    string? SealedSubject = null, string? RequestId = null);

/// <summary>A designated officer's request to see a cohort member's details, awaiting another officer's authorisation.</summary>
public sealed record DisclosureRequest(
    string Id, string Subject, DateTimeOffset RequestedAt, OfficerAccount Requester, string RequesterDetails, string Summary, string Grounds, string Consent);

/// <summary>Another designated officer's decision on a request: made once, never changed.</summary>
public sealed record DisclosureDecision(string RequestId, bool Authorised, OfficerAccount Authoriser, DateTimeOffset At, string? Reason);

/// <summary>That an authorised request's details were shown: once only.</summary>
public sealed record DisclosureShown(string RequestId, DateTimeOffset At);

/// <summary>Where a request stands, for the page.</summary>
public sealed record DisclosureRequestState(DisclosureRequest Request, DisclosureDecision? Decision, bool Disclosed)
{
    public string Status => Decision is null ? "awaiting authorisation" : !Decision.Authorised ? "refused" : Disclosed ? "disclosed" : "authorised";
}

public sealed class DisclosureException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>What a designated officer receiving a member's details from a partner writes down.</summary>
public sealed record CohortReceipt(string? Name, string? DateOfBirth, string? Pnc, string? SharedBy, string? SharedByOfficer, string? Grounds, string? Consent, string? OfficerDetails);

/// <summary>What a designated officer asking to see a member's details writes down.</summary>
public sealed record DisclosureAsk(string? Subject, string? Summary, string? Grounds, string? Consent, string? OfficerDetails);

/// <summary>
/// The PPO cohort the police, probation and the council share (the personal data the agreement
/// allows): each member known by a pseudonym, their personal details encrypted at rest (AES-GCM) with
/// the partnership's personal-data key, shown only to a designated officer of the scheme, and only
/// through a disclosure that another designated officer authorised and that is recorded before the
/// details are shown. Receiving a member's details is recorded the same way.
/// </summary>
public sealed class PpoCohort(IDocumentStore documents, PersonalDataKey key, TimeProvider clock)
{
    private const string Members = "ppo-cohort";
    private const string Disclosures = "disclosure-log";
    private const string Requests = "disclosure-requests";
    private const string Decisions = "disclosure-decisions";
    private const string Shown = "disclosure-shown";
    private const int MaxText = 500;

    public static IReadOnlyList<string> SharingOrganisations { get; } = ["Hampshire Constabulary", "Hampshire Probation Service", "Southampton City Council"];

    /// <summary>Paragraph 24's record is made "with or without consent": which, for each step.</summary>
    public static IReadOnlyList<string> ConsentChoices { get; } = ["with consent", "without consent"];

    public async Task<IReadOnlyList<CohortMember>> MembersAsync(CancellationToken ct) =>
        (await documents.ListAsync<CohortMember>(Members, ct)).OrderBy(m => m.Pseudonym, StringComparer.Ordinal).ToList();

    /// <summary>Adds a member the police, probation or the council shared, recording their receipt by the signed-in designated officer.</summary>
    public async Task<CohortMember> AddAsync(CohortReceipt receipt, OfficerAccount officer, CancellationToken ct)
    {
        var name = Required(receipt.Name, "name", "Enter the person's name.");
        if (!DateOnly.TryParseExact(receipt.DateOfBirth?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) || born > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            throw new DisclosureException("dateOfBirth", "Enter the date of birth as yyyy-MM-dd.");
        }

        if (receipt.SharedBy is null || !SharingOrganisations.Contains(receipt.SharedBy))
        {
            throw new DisclosureException("sharedBy", "Choose the organisation that shared it: " + string.Join(", ", SharingOrganisations) + ".");
        }

        var sharedByOfficer = Required(receipt.SharedByOfficer, "sharedByOfficer", "Name the designated officer at the sharing organisation who authorised sending it, with their post.");
        var grounds = Grounds(receipt.Grounds);
        var consent = Consent(receipt.Consent);
        var details = Required(receipt.OfficerDetails, "officerDetails", "Give your post and organisation (paragraph 24: the personal details of the designated officer).");
        var person = new PersonalDetails(name, born, string.IsNullOrWhiteSpace(receipt.Pnc) ? null : Bounded(receipt.Pnc, "pnc"));
        var pseudonym = key.Pseudonym(person.Name, born);
        var sealedPerson = key.Seal(JsonSerializer.Serialize(person));
        var member = new CohortMember(pseudonym, receipt.SharedBy, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), officer.Account, sealedPerson);
        if (!await documents.InsertAsync(Members, pseudonym, member, ct))
        {
            throw new DisclosureException("name", $"This person is in the cohort already, as {pseudonym}.");
        }

        await RecordAsync(new DisclosureRecord("", default, "received", pseudonym, officer.Name,
            $"Name, date of birth{(person.PoliceNationalComputerId is null ? "" : " and PNC id")} received from {receipt.SharedBy} for the PPO cohort.",
            grounds, $"{sharedByOfficer} ({receipt.SharedBy})", officer.Account, details, null, consent, sealedPerson), ct);
        return member;
    }

    /// <summary>A designated officer asks to see a member's details: recorded as requested; another designated officer decides.</summary>
    public async Task<DisclosureRequest> RequestAsync(DisclosureAsk ask, OfficerAccount requester, CancellationToken ct)
    {
        var member = await documents.GetAsync<CohortMember>(Members, ask.Subject ?? "", ct) ?? throw new DisclosureException("subject", "Choose a member of the cohort.");
        var summary = Required(ask.Summary, "summary", "Say what is to be disclosed and for what purpose (paragraph 18: it may be used for that purpose only).");
        var request = new DisclosureRequest(NewId(), member.Pseudonym, clock.GetUtcNow(), requester,
            Required(ask.OfficerDetails, "officerDetails", "Give your post and organisation (paragraph 24: the personal details of the designated officer)."),
            summary, Grounds(ask.Grounds), Consent(ask.Consent));
        await documents.InsertAsync(Requests, request.Id, request, ct);
        await RecordAsync(FromRequest(request, "requested", member.Sealed, authoriser: null), ct);
        return request;
    }

    /// <summary>Another designated officer authorises or refuses a request, once; the one who asked may not decide it.</summary>
    public async Task<DisclosureDecision> DecideAsync(string requestId, bool authorise, OfficerAccount officer, string? reason, CancellationToken ct)
    {
        var request = await documents.GetAsync<DisclosureRequest>(Requests, requestId, ct) ?? throw new DisclosureException("request", "There is no such disclosure request.");
        if (string.Equals(request.Requester.Account, officer.Account, StringComparison.OrdinalIgnoreCase))
        {
            throw new DisclosureException("request", "A designated officer other than the one who asked decides a disclosure request.");
        }

        var member = await documents.GetAsync<CohortMember>(Members, request.Subject, ct) ?? throw new DisclosureException("request", "The member's details have since been deleted.");
        var decision = new DisclosureDecision(request.Id, authorise, officer, clock.GetUtcNow(), string.IsNullOrWhiteSpace(reason) ? null : Bounded(reason, "reason"));
        if (!await documents.InsertAsync(Decisions, request.Id, decision, ct))
        {
            throw new DisclosureException("request", "This request has been decided already.");
        }

        await RecordAsync(FromRequest(request, authorise ? "authorised" : "refused", member.Sealed, officer), ct);
        return decision;
    }

    /// <summary>
    /// Shows the officer who asked the details an authorised request allows, once: the record is written
    /// first, then the details are returned. A second look needs a new request.
    /// </summary>
    public async Task<PersonalDetails> DiscloseAsync(string requestId, OfficerAccount requester, CancellationToken ct)
    {
        var request = await documents.GetAsync<DisclosureRequest>(Requests, requestId, ct) ?? throw new DisclosureException("request", "There is no such disclosure request.");
        if (!string.Equals(request.Requester.Account, requester.Account, StringComparison.OrdinalIgnoreCase))
        {
            throw new DisclosureException("request", "Only the designated officer who asked sees the details.");
        }

        var decision = await documents.GetAsync<DisclosureDecision>(Decisions, requestId, ct);
        if (decision is not { Authorised: true })
        {
            throw new DisclosureException("request", decision is null ? "This request awaits another designated officer's authorisation." : "This request was refused.");
        }

        var member = await documents.GetAsync<CohortMember>(Members, request.Subject, ct) ?? throw new DisclosureException("request", "The member's details have since been deleted.");
        if (!await documents.InsertAsync(Shown, requestId, new DisclosureShown(requestId, clock.GetUtcNow()), ct))
        {
            throw new DisclosureException("request", "These details were shown once already: make a new request to see them again.");
        }

        await RecordAsync(FromRequest(request, "disclosed", member.Sealed, decision.Authoriser), ct);
        return JsonSerializer.Deserialize<PersonalDetails>(key.Open(member.Sealed))!;
    }

    /// <summary>Every request with where it stands, newest first.</summary>
    public async Task<IReadOnlyList<DisclosureRequestState>> RequestsAsync(CancellationToken ct)
    {
        var decisions = (await documents.ListAsync<DisclosureDecision>(Decisions, ct)).ToDictionary(d => d.RequestId, StringComparer.Ordinal);
        var shown = (await documents.ListAsync<DisclosureShown>(Shown, ct)).Select(s => s.RequestId).ToHashSet(StringComparer.Ordinal);
        return (await documents.ListAsync<DisclosureRequest>(Requests, ct))
            .Select(r => new DisclosureRequestState(r, decisions.GetValueOrDefault(r.Id), shown.Contains(r.Id)))
            .OrderByDescending(s => s.Request.RequestedAt).ToList();
    }

    /// <summary>
    /// Removes a member whose details are no longer needed (paragraph 26: securely dispose when no longer
    /// needed): their sealed details in the cohort are deleted. The disclosure log keeps its records,
    /// whose sealed copies paragraph 24 asks for.
    /// </summary>
    public async Task RemoveAsync(string pseudonym, OfficerAccount officer, string? reason, CancellationToken ct)
    {
        var why = Required(reason, "reason", "Say why the details are no longer needed.");
        var member = await documents.GetAsync<CohortMember>(Members, pseudonym, ct);
        if (member is null || !await documents.DeleteAsync(Members, pseudonym, ct))
        {
            throw new DisclosureException("subject", $"There is no cohort member {pseudonym}.");
        }

        await RecordAsync(new DisclosureRecord("", default, "disposed", pseudonym, officer.Name, "Details deleted: " + why, "No longer needed (paragraph 26)", officer.Name,
            officer.Account, null, officer.Account, null, member.Sealed), ct);
    }

    /// <summary>The disclosure log, newest first, filtered by subject, officer (account or name, requesting or authorising) and dates.</summary>
    public async Task<IReadOnlyList<DisclosureRecord>> LogAsync(string? subject, string? officer, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        (await documents.ListAsync<DisclosureRecord>(Disclosures, ct))
            .Where(d => string.IsNullOrWhiteSpace(subject) || d.Subject.Contains(subject.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(d => string.IsNullOrWhiteSpace(officer) || new[] { d.RequestingOfficer, d.AuthorisingOfficer, d.RequestingAccount, d.AuthorisingAccount }
                .Any(o => o?.Contains(officer.Trim(), StringComparison.OrdinalIgnoreCase) == true))
            .Where(d => from is null || DateOnly.FromDateTime(d.At.UtcDateTime) >= from)
            .Where(d => to is null || DateOnly.FromDateTime(d.At.UtcDateTime) <= to)
            .OrderByDescending(d => d.At).ToList();

    /// <summary>The log as CSV: paragraph 24's columns first, then the accounts, the officer's details and consent. The subject's details stay sealed.</summary>
    public static string Csv(IReadOnlyList<DisclosureRecord> log)
    {
        var csv = new StringBuilder("date,kind,subject,requesting_officer,summary,grounds,authorising_officer,requesting_account,requesting_officer_details,authorising_account,consent,request\r\n");
        foreach (var d in log)
        {
            csv.AppendJoin(',', new[]
            {
                d.At.ToString("O", CultureInfo.InvariantCulture), d.Kind, d.Subject, d.RequestingOfficer, d.Summary, d.Grounds, d.AuthorisingOfficer,
                d.RequestingAccount ?? "", d.RequestingOfficerDetails ?? "", d.AuthorisingAccount ?? "", d.Consent ?? "", d.RequestId ?? "",
            }.Select(SafeCity.Kernel.Text.CsvField)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static DisclosureRecord FromRequest(DisclosureRequest request, string kind, string sealedSubject, OfficerAccount? authoriser) =>
        new("", default, kind, request.Subject, request.Requester.Name, request.Summary, request.Grounds, authoriser?.Name ?? "",
            request.Requester.Account, request.RequesterDetails, authoriser?.Account, request.Consent, sealedSubject, request.Id);

    private async Task RecordAsync(DisclosureRecord record, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var id = at.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        await documents.InsertAsync(Disclosures, id, record with { Id = id, At = at }, ct);
    }

    private string NewId() => clock.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    private static string Grounds(string? grounds) =>
        grounds is not null && DisclosureGrounds.All.Contains(grounds) ? grounds : throw new DisclosureException("grounds", "Choose the grounds (paragraph 17b).");

    private static string Consent(string? consent) =>
        consent is not null && ConsentChoices.Contains(consent) ? consent : throw new DisclosureException("consent", "Say whether it is with or without the subject's consent.");

    private static string Required(string? text, string field, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DisclosureException(field, message) : Bounded(text, field);

    private static string Bounded(string text, string field) =>
        text.Trim().Length <= MaxText ? text.Trim() : throw new DisclosureException(field, $"{field} is at most {MaxText} characters; this one has {text.Trim().Length}.");
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
