using System.Globalization;
using System.Text;
using System.Text.Json;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Storage.Documents;

namespace SafeCity.Governance.Sharing;

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
        // Whether the person is in the cohort already is not told to the one officer adding them: that would be a
        // disclosure without the second officer. Either way the receipt is on the log first, and the member's
        // record becomes this latest receipt.
        await RecordAsync(new DisclosureRecord("", default, "received", pseudonym, officer.Name,
            $"Name, date of birth{(person.PoliceNationalComputerId is null ? "" : " and PNC id")} received from {receipt.SharedBy} for the PPO cohort.",
            grounds, $"{sharedByOfficer} ({receipt.SharedBy})", officer.Account, details, null, consent, sealedPerson), ct);
        await documents.PutAsync(Members, pseudonym, member, ct);
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
            throw new DisclosureException("subject", $"There is no cohort member {SentValue.Shown(pseudonym)}.");
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
