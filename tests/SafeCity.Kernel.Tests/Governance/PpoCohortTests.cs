using System.Text;
using SafeCity.Governance.Sharing;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Storage.Sqlite;

namespace SafeCity.Kernel.Tests.Governance;

public sealed class PpoCohortTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly PersonalDataKey _key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private async Task<PpoCohort> NewAsync()
    {
        var documents = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(_dir.Path, "governance.db")));
        await documents.InitializeAsync(CancellationToken.None);
        return new PpoCohort(documents, _key, TimeProvider.System);
    }

    [Fact]
    public async Task A_members_details_are_kept_only_encrypted_under_a_stable_pseudonym()
    {
        var cohort = await NewAsync();
        var member = await cohort.AddAsync("John Example", "1985-03-14", "85/123456X", "Hampshire Probation Service", "Pat Officer", "Sam Authoriser", CancellationToken.None);

        Assert.Matches("^PPO-[0-9A-F]{8}$", member.Pseudonym);
        Assert.Equal(member.Pseudonym, _key.Pseudonym("john  example", new DateOnly(1985, 3, 14)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var onDisk = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(_dir.Path, "governance.db")))
            + string.Concat(Directory.GetFiles(_dir.Path, "governance.db-*").Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains(member.Pseudonym, onDisk);
        Assert.DoesNotContain("John Example", onDisk);
        Assert.DoesNotContain("1985-03-14", onDisk);
        Assert.DoesNotContain("85/123456X", onDisk);

        var again = await Assert.ThrowsAsync<DisclosureException>(() => cohort.AddAsync("JOHN EXAMPLE", "1985-03-14", null, "Hampshire Constabulary", "Pat Officer", "Sam Authoriser", CancellationToken.None));
        Assert.Contains(member.Pseudonym, again.Message);
    }

    [Fact]
    public async Task A_disclosure_is_recorded_with_the_six_facts_before_the_details_are_given()
    {
        var cohort = await NewAsync();
        var member = await cohort.AddAsync("John Example", "1985-03-14", null, "Hampshire Constabulary", "Pat Officer", "Sam Authoriser", CancellationToken.None);

        Assert.Equal("grounds", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DiscloseAsync(member.Pseudonym, "Pat Officer", "Case conference", "Curiosity", "Sam Authoriser", CancellationToken.None))).Field);
        Assert.Equal("authorisingOfficer", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DiscloseAsync(member.Pseudonym, "Pat Officer", "Case conference", DisclosureGrounds.All[0], "pat officer", CancellationToken.None))).Field);
        Assert.Equal("summary", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DiscloseAsync(member.Pseudonym, "Pat Officer", " ", DisclosureGrounds.All[0], "Sam Authoriser", CancellationToken.None))).Field);
        var details = await cohort.DiscloseAsync(member.Pseudonym, "Pat Officer", "Name and date of birth for the PPO case conference", "Preventing crime and disorder", "Sam Authoriser", CancellationToken.None);

        Assert.Equal(new PersonalDetails("John Example", new DateOnly(1985, 3, 14), null), details);
        var log = await cohort.LogAsync(null, null, null, null, CancellationToken.None);
        Assert.Equal(["disclosed", "received"], log.Select(d => d.Kind));
        var disclosure = log[0];
        Assert.Equal((member.Pseudonym, "Pat Officer", "Name and date of birth for the PPO case conference", "Preventing crime and disorder", "Sam Authoriser"),
            (disclosure.Subject, disclosure.RequestingOfficer, disclosure.Summary, disclosure.Grounds, disclosure.AuthorisingOfficer));

        Assert.Single(await cohort.LogAsync(null, "sam", null, null, CancellationToken.None), d => d.Kind == "disclosed");
        Assert.Empty(await cohort.LogAsync("PPO-00000000", null, null, null, CancellationToken.None));
        var csv = PpoCohort.Csv(log);
        Assert.StartsWith("date,kind,subject,requesting_officer,summary,grounds,authorising_officer\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($",disclosed,{member.Pseudonym},Pat Officer,Name and date of birth for the PPO case conference,Preventing crime and disorder,Sam Authoriser\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("John Example", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_no_longer_needed_is_deleted_and_the_log_keeps_only_the_pseudonym()
    {
        var cohort = await NewAsync();
        var member = await cohort.AddAsync("John Example", "1985-03-14", null, "Hampshire Constabulary", "Pat Officer", "Sam Authoriser", CancellationToken.None);

        Assert.Equal("reason", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.RemoveAsync(member.Pseudonym, "Pat Officer", "", CancellationToken.None))).Field);
        await cohort.RemoveAsync(member.Pseudonym, "Pat Officer", "Left the scheme", CancellationToken.None);

        Assert.Empty(await cohort.MembersAsync(CancellationToken.None));
        Assert.Equal("subject", (await Assert.ThrowsAsync<DisclosureException>(() => cohort.DiscloseAsync(member.Pseudonym, "Pat Officer", "x", DisclosureGrounds.All[0], "Sam Authoriser", CancellationToken.None))).Field);
        Assert.Equal(["disposed", "received"], (await cohort.LogAsync(member.Pseudonym, null, null, null, CancellationToken.None)).Select(d => d.Kind));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
