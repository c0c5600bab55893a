using System.Text;
using SafeCity.Governance.Sharing;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Testing;

namespace SafeCity.Governance.Tests;

public sealed class PpoCohortTests : IDisposable
{
    private static readonly OfficerAccount Pat = new("pat.officer", "Pat Officer");
    private static readonly OfficerAccount Sam = new("sam.authoriser", "Sam Authoriser");

    // Another account with Pat's display name: names are not unique, accounts are.
    private static readonly OfficerAccount OtherPat = new("pat.officer2", "Pat Officer");

    private readonly TempDirectory _dir = new();
    private readonly PersonalDataKey _key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private async Task<PpoCohort> NewAsync(TimeProvider? clock = null)
    {
        var documents = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(_dir.Path, "governance.db")));
        await documents.InitializeAsync(CancellationToken.None);
        return new PpoCohort(documents, _key, clock ?? TimeProvider.System);
    }

    private static CohortReceipt Receipt(string name = "John Example", string? pnc = null, string sharedBy = "Hampshire Constabulary") =>
        new(name, "1985-03-14", pnc, sharedBy, "DS Lee, PPO liaison", "Preventing crime and disorder", "without consent", "PPO co-ordinator, Southampton City Council");

    private static DisclosureAsk Ask(string subject, string? grounds = "Preventing crime and disorder", string? summary = "Name and date of birth for the PPO case conference") =>
        new(subject, summary, grounds, "without consent", "Probation officer, Hampshire Probation Service");

    private string OnDisk()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(_dir.Path, "governance.db")))
            + string.Concat(Directory.GetFiles(_dir.Path, "governance.db-*").Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
    }

    [Fact]
    public async Task A_members_details_are_kept_only_encrypted_under_a_stable_pseudonym()
    {
        var cohort = await NewAsync();
        var member = await cohort.AddAsync(Receipt(pnc: "85/123456X", sharedBy: "Hampshire Probation Service"), Pat, CancellationToken.None);

        Assert.Matches("^PPO-[0-9A-F]{8}$", member.Pseudonym);
        Assert.Equal(member.Pseudonym, _key.Pseudonym("john  example", new DateOnly(1985, 3, 14)));
        var onDisk = OnDisk();
        Assert.Contains(member.Pseudonym, onDisk);
        Assert.DoesNotContain("John Example", onDisk);
        Assert.DoesNotContain("1985-03-14", onDisk);
        Assert.DoesNotContain("85/123456X", onDisk);

    }

    [Fact]
    public async Task Adding_a_person_answers_alike_whether_or_not_they_are_in_the_cohort_and_each_receipt_is_on_the_log()
    {
        var cohort = await NewAsync();
        var first = await cohort.AddAsync(Receipt(), Pat, CancellationToken.None);

        var again = await cohort.AddAsync(Receipt("JOHN EXAMPLE"), Pat, CancellationToken.None);

        // The same answer, but for the details' seal (a new nonce each time).
        Assert.Equal(first with { Sealed = "" }, again with { Sealed = "" });
        Assert.Single(await cohort.MembersAsync(CancellationToken.None));
        Assert.Equal(2, (await cohort.LogAsync(first.Pseudonym, null, null, null, CancellationToken.None)).Count(r => r.Kind == "received"));
    }

    [Fact]
    public async Task A_receipt_is_recorded_with_paragraph_24s_facts_and_the_subjects_details_sealed()
    {
        var cohort = await NewAsync();
        Assert.Equal("consent", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.AddAsync(Receipt() with { Consent = null }, Pat, CancellationToken.None))).Field);
        Assert.Equal("sharedByOfficer", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.AddAsync(Receipt() with { SharedByOfficer = " " }, Pat, CancellationToken.None))).Field);
        Assert.Equal("officerDetails", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.AddAsync(Receipt() with { OfficerDetails = "" }, Pat, CancellationToken.None))).Field);
        Assert.Empty(await cohort.MembersAsync(CancellationToken.None));

        var member = await cohort.AddAsync(Receipt(), Pat, CancellationToken.None);

        var received = Assert.Single(await cohort.LogAsync(null, null, null, null, CancellationToken.None));
        Assert.Equal(("received", member.Pseudonym, "pat.officer", "Pat Officer", "PPO co-ordinator, Southampton City Council", "without consent", "DS Lee, PPO liaison (Hampshire Constabulary)"),
            (received.Kind, received.Subject, received.RequestingAccount, received.RequestingOfficer, received.RequestingOfficerDetails, received.Consent, received.AuthorisingOfficer));
        Assert.Equal(new PersonalDetails("John Example", new DateOnly(1985, 3, 14), null), System.Text.Json.JsonSerializer.Deserialize<PersonalDetails>(_key.Open(received.SealedSubject!)));
    }

    [Fact]
    public async Task A_disclosure_needs_another_designated_officers_authorisation_and_is_recorded_before_the_details_are_shown_once()
    {
        var cohort = await NewAsync();
        var member = await cohort.AddAsync(Receipt(), Pat, CancellationToken.None);

        Assert.Equal("grounds", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.RequestAsync(Ask(member.Pseudonym, grounds: "Curiosity"), Pat, CancellationToken.None))).Field);
        Assert.Equal("summary", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.RequestAsync(Ask(member.Pseudonym, summary: " "), Pat, CancellationToken.None))).Field);
        var request = await cohort.RequestAsync(Ask(member.Pseudonym), Pat, CancellationToken.None);

        // Not before it is authorised; not by the one who asked, nor by another account with the same display name posing as them.
        Assert.Contains("awaits", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DiscloseAsync(request.Id, Pat, CancellationToken.None))).Message);
        Assert.Contains("other than the one who asked", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DecideAsync(request.Id, true, Pat with { Name = "Sam Authoriser" }, null, CancellationToken.None))).Message);
        await cohort.DecideAsync(request.Id, true, Sam, null, CancellationToken.None);
        Assert.Contains("decided already", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DecideAsync(request.Id, false, OtherPat, null, CancellationToken.None))).Message);

        // Only the account that asked sees the details, and once.
        Assert.Contains("Only the designated officer who asked", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DiscloseAsync(request.Id, OtherPat, CancellationToken.None))).Message);
        var details = await cohort.DiscloseAsync(request.Id, Pat, CancellationToken.None);
        Assert.Equal(new PersonalDetails("John Example", new DateOnly(1985, 3, 14), null), details);
        Assert.Contains("shown once already", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DiscloseAsync(request.Id, Pat, CancellationToken.None))).Message);
        Assert.Equal("disclosed", Assert.Single(await cohort.RequestsAsync(CancellationToken.None)).Status);

        var log = await cohort.LogAsync(member.Pseudonym, null, null, null, CancellationToken.None);
        Assert.Equal(["disclosed", "authorised", "requested", "received"], log.Select(d => d.Kind));
        var disclosure = log[0];
        Assert.Equal((member.Pseudonym, "pat.officer", "Probation officer, Hampshire Probation Service", "Name and date of birth for the PPO case conference", "Preventing crime and disorder", "without consent", "sam.authoriser", request.Id),
            (disclosure.Subject, disclosure.RequestingAccount, disclosure.RequestingOfficerDetails, disclosure.Summary, disclosure.Grounds, disclosure.Consent, disclosure.AuthorisingAccount, disclosure.RequestId));

        // The log finds an officer by account; the display name alone would find both Pats.
        Assert.Equal(2, (await cohort.LogAsync(null, "sam.authoriser", null, null, CancellationToken.None)).Count);
        Assert.Empty(await cohort.LogAsync("PPO-00000000", null, null, null, CancellationToken.None));
        var csv = PpoCohort.Csv(log);
        Assert.StartsWith("date,kind,subject,requesting_officer,summary,grounds,authorising_officer,requesting_account,requesting_officer_details,authorising_account,consent,request\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($",disclosed,{member.Pseudonym},Pat Officer,Name and date of birth for the PPO case conference,Preventing crime and disorder,Sam Authoriser,pat.officer,\"Probation officer, Hampshire Probation Service\",sam.authoriser,without consent,{request.Id}\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("John Example", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("John Example", OnDisk());
    }

    [Fact]
    public async Task A_refused_request_shows_nothing()
    {
        var cohort = await NewAsync();
        var member = await cohort.AddAsync(Receipt(), Pat, CancellationToken.None);
        var request = await cohort.RequestAsync(Ask(member.Pseudonym), Pat, CancellationToken.None);

        await cohort.DecideAsync(request.Id, false, Sam, "Not needed for the conference", CancellationToken.None);

        Assert.Contains("refused", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DiscloseAsync(request.Id, Pat, CancellationToken.None))).Message);
        Assert.Equal("refused", Assert.Single(await cohort.RequestsAsync(CancellationToken.None)).Status);
        Assert.DoesNotContain(await cohort.LogAsync(null, null, null, null, CancellationToken.None), d => d.Kind == "disclosed");
        // The log says it was refused, not authorised.
        Assert.Equal(["refused", "requested", "received"], (await cohort.LogAsync(member.Pseudonym, null, null, null, CancellationToken.None)).Select(d => d.Kind));
    }

    [Theory]
    [InlineData("Hampshire Fire and Rescue Service", null, "sharedBy")] // not one of the three that share PPO data
    [InlineData(null, "maybe", "consent")]
    [InlineData(null, "with consent", "dateOfBirth", "2999-01-01")] // born in the future
    public async Task A_receipt_from_another_organisation_of_no_consent_or_born_in_the_future_is_refused_and_nothing_kept(string? sharedBy, string? consent, string field, string? born = null)
    {
        var cohort = await NewAsync();
        var receipt = Receipt(sharedBy: sharedBy ?? "Hampshire Constabulary") with { Consent = consent ?? "without consent", DateOfBirth = born ?? "1985-03-14" };

        var refused = await Assert.ThrowsAsync<DisclosureException>(() => cohort.AddAsync(receipt, Pat, CancellationToken.None));

        Assert.Equal(field, refused.Field);
        Assert.Empty(await cohort.MembersAsync(CancellationToken.None));
        Assert.Empty(await cohort.LogAsync(null, null, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task The_disclosure_log_is_read_between_two_days_inclusive()
    {
        var cohort = await NewAsync();
        await cohort.AddAsync(Receipt(), Pat, CancellationToken.None);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        Assert.Single(await cohort.LogAsync(null, null, today, today, CancellationToken.None));
        Assert.Empty(await cohort.LogAsync(null, null, today.AddDays(1), null, CancellationToken.None));
        Assert.Empty(await cohort.LogAsync(null, null, null, today.AddDays(-1), CancellationToken.None));
    }

    [Fact]
    public async Task A_member_no_longer_needed_is_deleted_and_the_log_keeps_only_the_pseudonym_and_the_sealed_record()
    {
        var cohort = await NewAsync();
        var member = await cohort.AddAsync(Receipt(), Pat, CancellationToken.None);
        var request = await cohort.RequestAsync(Ask(member.Pseudonym), Pat, CancellationToken.None);

        Assert.Equal("reason", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.RemoveAsync(member.Pseudonym, Pat, "", CancellationToken.None))).Field);
        await cohort.RemoveAsync(member.Pseudonym, Pat, "Left the scheme", CancellationToken.None);

        Assert.Empty(await cohort.MembersAsync(CancellationToken.None));
        Assert.Equal("subject", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.RequestAsync(Ask(member.Pseudonym), Pat, CancellationToken.None))).Field);
        Assert.Contains("deleted", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DecideAsync(request.Id, true, Sam, null, CancellationToken.None))).Message);
        Assert.Equal(["disposed", "requested", "received"], (await cohort.LogAsync(member.Pseudonym, null, null, null, CancellationToken.None)).Select(d => d.Kind));
    }

    [Fact]
    public async Task A_field_beyond_its_limit_is_refused_by_name_and_length_without_echoing_it()
    {
        var cohort = await NewAsync();
        var tooLong = new string('x', 501);

        var refused = await Assert.ThrowsAsync<DisclosureException>(() => cohort.AddAsync(Receipt() with { SharedByOfficer = tooLong }, Pat, CancellationToken.None));

        Assert.Equal("sharedByOfficer", refused.Field);
        Assert.Contains("at most 500 characters; this one has 501", refused.Message);
        Assert.DoesNotContain("xxxx", refused.Message);
    }

    [Fact]
    public async Task Each_refusal_names_its_field_and_says_what_is_wanted()
    {
        var cohort = await NewAsync();

        async Task<(string, string)> Refused(Func<Task> call)
        {
            var e = await Assert.ThrowsAsync<DisclosureException>(call);
            return (e.Field, e.Message);
        }

        Assert.Equal(("name", "Enter the person's name."), await Refused(() => cohort.AddAsync(Receipt(name: " "), Pat, CancellationToken.None)));
        Assert.Equal(("dateOfBirth", "Enter the date of birth as yyyy-MM-dd."), await Refused(() => cohort.AddAsync(Receipt() with { DateOfBirth = "14/03/1985" }, Pat, CancellationToken.None)));
        Assert.Equal(("sharedBy", "Choose the organisation that shared it: Hampshire Constabulary, Hampshire Probation Service, Southampton City Council."), await Refused(() => cohort.AddAsync(Receipt(sharedBy: "Somebody"), Pat, CancellationToken.None)));
        Assert.Equal(("sharedByOfficer", "Name the designated officer at the sharing organisation who authorised sending it, with their post."), await Refused(() => cohort.AddAsync(Receipt() with { SharedByOfficer = "" }, Pat, CancellationToken.None)));
        Assert.Equal(("grounds", "Choose the grounds (paragraph 17b)."), await Refused(() => cohort.AddAsync(Receipt() with { Grounds = "Curiosity" }, Pat, CancellationToken.None)));
        Assert.Equal(("consent", "Say whether it is with or without the subject's consent."), await Refused(() => cohort.AddAsync(Receipt() with { Consent = null }, Pat, CancellationToken.None)));
        Assert.Equal(("officerDetails", "Give your post and organisation (paragraph 24: the personal details of the designated officer)."), await Refused(() => cohort.AddAsync(Receipt() with { OfficerDetails = null }, Pat, CancellationToken.None)));
        Assert.Equal(("pnc", "pnc is at most 500 characters; this one has 501."), await Refused(() => cohort.AddAsync(Receipt(pnc: new string('9', 501)), Pat, CancellationToken.None)));
        Assert.Empty(await cohort.LogAsync(null, null, null, null, CancellationToken.None));

        var member = await cohort.AddAsync(Receipt(), Pat, CancellationToken.None);
        Assert.Equal(("subject", "Choose a member of the cohort."), await Refused(() => cohort.RequestAsync(Ask("PPO-00000000"), Pat, CancellationToken.None)));
        Assert.Equal(("summary", "Say what is to be disclosed and for what purpose (paragraph 18: it may be used for that purpose only)."), await Refused(() => cohort.RequestAsync(Ask(member.Pseudonym, summary: null), Pat, CancellationToken.None)));
        Assert.Equal(("officerDetails", "Give your post and organisation (paragraph 24: the personal details of the designated officer)."), await Refused(() => cohort.RequestAsync(Ask(member.Pseudonym) with { OfficerDetails = " " }, Pat, CancellationToken.None)));
        Assert.Equal(("request", "There is no such disclosure request."), await Refused(() => cohort.DecideAsync("nothing", true, Sam, null, CancellationToken.None)));
        Assert.Equal(("request", "There is no such disclosure request."), await Refused(() => cohort.DiscloseAsync("nothing", Pat, CancellationToken.None)));
        Assert.Equal(("reason", "Say why the details are no longer needed."), await Refused(() => cohort.RemoveAsync(member.Pseudonym, Pat, " ", CancellationToken.None)));
        Assert.Equal(("subject", "There is no cohort member PPO-00000000."), await Refused(() => cohort.RemoveAsync("PPO-00000000", Pat, "Left", CancellationToken.None)));

        var request = await cohort.RequestAsync(Ask(member.Pseudonym), Pat, CancellationToken.None);
        var refusedBy = await Refused(() => cohort.DecideAsync(request.Id, true, Pat, null, CancellationToken.None));
        Assert.Equal(("request", "A designated officer other than the one who asked decides a disclosure request."), refusedBy);
        await cohort.DecideAsync(request.Id, false, Sam, "  ", CancellationToken.None);
        Assert.Null((await cohort.RequestsAsync(CancellationToken.None)).Single().Decision!.Reason);
        Assert.Equal(("request", "This request has been decided already."), await Refused(() => cohort.DecideAsync(request.Id, true, Sam, null, CancellationToken.None)));
        Assert.Equal(("request", "This request was refused."), await Refused(() => cohort.DiscloseAsync(request.Id, Pat, CancellationToken.None)));
        Assert.Equal(("request", "Only the designated officer who asked sees the details."), await Refused(() => cohort.DiscloseAsync(request.Id, Sam, CancellationToken.None)));
    }

    [Fact]
    public async Task The_log_says_what_was_received_and_why_details_were_deleted_and_lists_are_in_their_order()
    {
        var clock = new MovableClock(new DateTimeOffset(2008, 6, 2, 9, 0, 0, TimeSpan.Zero));
        var cohort = await NewAsync(clock);

        // Born today is not born in the future; a field of exactly 500 characters is within its limit.
        var withPnc = await cohort.AddAsync(Receipt(pnc: "85/123456X") with { DateOfBirth = "2008-06-02", SharedByOfficer = new string('d', 500) }, Pat, CancellationToken.None);
        clock.Now = clock.Now.AddMinutes(1);
        var without = await cohort.AddAsync(Receipt(name: "Jane Example"), Pat, CancellationToken.None);
        var log = await cohort.LogAsync(null, null, null, null, CancellationToken.None);
        Assert.Equal("Name, date of birth and PNC id received from Hampshire Constabulary for the PPO cohort.", log.Single(d => d.Subject == withPnc.Pseudonym).Summary);
        Assert.Equal("Name, date of birth received from Hampshire Constabulary for the PPO cohort.", log.Single(d => d.Subject == without.Pseudonym).Summary);
        Assert.Equal([without.Pseudonym, withPnc.Pseudonym], log.Select(d => d.Subject));
        Assert.Equal(new[] { withPnc.Pseudonym, without.Pseudonym }.Order(StringComparer.Ordinal), (await cohort.MembersAsync(CancellationToken.None)).Select(m => m.Pseudonym));

        var first = await cohort.RequestAsync(Ask(withPnc.Pseudonym), Pat, CancellationToken.None);
        clock.Now = clock.Now.AddMinutes(1);
        var second = await cohort.RequestAsync(Ask(without.Pseudonym), Pat, CancellationToken.None);
        var requests = await cohort.RequestsAsync(CancellationToken.None);
        Assert.Equal([second.Id, first.Id], requests.Select(r => r.Request.Id));
        Assert.Equal(["awaiting authorisation", "awaiting authorisation"], requests.Select(r => r.Status));
        await cohort.DecideAsync(first.Id, true, Sam, null, CancellationToken.None);
        Assert.Equal("authorised", (await cohort.RequestsAsync(CancellationToken.None)).Single(r => r.Request.Id == first.Id).Status);
        await cohort.DiscloseAsync(first.Id, Pat, CancellationToken.None);
        Assert.Equal("disclosed", (await cohort.RequestsAsync(CancellationToken.None)).Single(r => r.Request.Id == first.Id).Status);

        clock.Now = clock.Now.AddMinutes(1);
        await cohort.RemoveAsync(without.Pseudonym, Pat, "Left the scheme", CancellationToken.None);
        var disposed = (await cohort.LogAsync(without.Pseudonym, null, null, null, CancellationToken.None))[0];
        Assert.Equal(("disposed", "Details deleted: Left the scheme", "No longer needed (paragraph 26)"), (disposed.Kind, disposed.Summary, disposed.Grounds));
        // The CSV gives each record's time to the instant, as ISO 8601.
        Assert.Contains(disposed.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), PpoCohort.Csv([disposed]), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
