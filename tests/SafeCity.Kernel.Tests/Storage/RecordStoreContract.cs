using SafeCity.Kernel.Records;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Storage;

/// <summary>What every record register must do, on SQLite and on MongoDB.</summary>
public abstract class RecordStoreContract
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A new, empty store keeping the tallies of <paramref name="tallies"/> (none by default).</summary>
    protected abstract Task<IRecordStore> NewStoreAsync(RecordTallies? tallies = null);

    /// <summary>The last store made, opened again (as at the next start) with another build of its measures.</summary>
    protected abstract Task<IRecordStore> ReopenAsync(RecordTallies tallies);

    private static RecordTallies Burglaries(string fingerprint, string street = "Above Bar") => new(
        [ComputedMeasure.Count("Burglaries", null, "test", ["Burglary"]), ComputedMeasure.Count("Burglaries on " + street, null, "test", ["Burglary"], r => r.Location!.Contains(street))], fingerprint);

    [SkippableFact]
    public async Task Tallies_move_with_the_records_kept_and_corrected_and_are_worked_out_again_for_another_build()
    {
        var store = await NewStoreAsync(Burglaries("build 1"));

        await store.AddAsync([Record("a"), Record("b"), Record("c", month: "2008-05"), Record("d", category: "Robbery")], null, Ct);
        await store.AddAsync([Record("a"), Record("e") with { Location = "On or near Portswood Road" }], null, Ct);
        await store.CorrectAsync(Record("b", month: "2008-05"), null, Ct);

        var april = await store.TallyAsync("2008-04", "2008-04", Ct);
        Assert.Equal(new Tally(2, 2, 2), april["Burglaries"]);
        Assert.Equal(new Tally(2, 2, 1), april["Burglaries on Above Bar"]);
        Assert.Equal(new Tally(4, 4, 3), (await store.TallyAsync("2008-01", "2008-12", Ct))["Burglaries on Above Bar"]);
        Assert.Empty(await store.TallyAsync("2009-01", "2009-12", Ct));

        // The next release counts another street: its tallies come from the records held, not the old rule.
        var reopened = await ReopenAsync(Burglaries("build 2", street: "Portswood"));
        var all = await reopened.TallyAsync("2008-01", "2008-12", Ct);
        Assert.Equal(new Tally(4, 4, 1), all["Burglaries on Portswood"]);
        Assert.False(all.ContainsKey("Burglaries on Above Bar"));
    }

    private static PartnerRecord Record(string reference, string month = "2008-04", string category = "Burglary", string? lsoa = "E01017139") => new()
    {
        Source = "data.police.uk",
        Reference = reference,
        Category = category,
        Month = month,
        LsoaCode = lsoa,
        Location = "On or near Above Bar Street",
        Attributes = new Dictionary<string, string> { ["reportedBy"] = "Hampshire Constabulary" },
    };

    [SkippableFact]
    public async Task A_reference_is_kept_once_and_sending_it_again_is_a_duplicate()
    {
        var store = await NewStoreAsync();

        var first = await store.AddAsync([Record("a"), Record("b")], null, Ct);
        var second = await store.AddAsync([Record("b"), Record("c")], null, Ct);

        Assert.Equal([RecordOutcome.Accepted, RecordOutcome.Accepted], first);
        Assert.Equal([RecordOutcome.Duplicate, RecordOutcome.Accepted], second);
        Assert.Equal(3, (await store.FindAsync(new RecordQuery("2008-01", "2008-12"), Ct)).Count);
        Assert.Equal("Hampshire Constabulary", (await store.GetAsync("data.police.uk", "a", Ct))!.Attribute("reportedBy"));
    }

    [SkippableFact]
    public async Task Counts_are_by_month_and_category_within_the_span()
    {
        var store = await NewStoreAsync();
        await store.AddAsync([Record("1"), Record("2"), Record("3", category: "Robbery"), Record("4", "2008-05"), Record("5", "2008-07")], null, Ct);

        var counts = await store.CountAsync("2008-04", "2008-05", Ct);

        Assert.Equal([new RecordCount("2008-04", "Burglary", 2), new RecordCount("2008-04", "Robbery", 1), new RecordCount("2008-05", "Burglary", 1)], counts);
        Assert.Equal(["2008-04", "2008-05", "2008-07"], await store.MonthsAsync(Ct));
    }

    [SkippableFact]
    public async Task Records_are_found_by_span_category_and_LSOA_a_page_at_a_time()
    {
        var store = await NewStoreAsync();
        await store.AddAsync([Record("1"), Record("2", lsoa: "E01000001"), Record("3", category: "Robbery"), Record("4", "2008-05")], null, Ct);

        Assert.Equal(["1", "3"], (await store.FindAsync(new RecordQuery("2008-04", "2008-04") { LsoaCode = "E01017139" }, Ct)).Select(r => r.Reference).Order());
        Assert.Equal(["1", "2"], (await store.FindAsync(new RecordQuery("2008-04", "2008-04") { Categories = ["Burglary"] }, Ct)).Select(r => r.Reference).Order());
        Assert.Equal(2, (await store.FindAsync(new RecordQuery("2008-01", "2008-12") { Limit = 2 }, Ct)).Count);
        Assert.Equal("2008-05", (await store.FindAsync(new RecordQuery("2008-01", "2008-12") { Limit = 1 }, Ct))[0].Month);
    }

    [SkippableFact]
    public async Task The_top_places_are_the_streets_and_LSOAs_with_most_records_in_the_span()
    {
        var store = await NewStoreAsync();
        await store.AddAsync(
        [
            Record("1") with { Location = "On or near Bedford Place", LsoaName = "Southampton 030B", LsoaCode = "E01017140" },
            Record("2") with { Location = "On or near Bedford Place", LsoaName = "Southampton 030B", LsoaCode = "E01017140" },
            Record("3") with { LsoaName = "Southampton 029A" },
            Record("4", "2008-06") with { Location = "On or near Quay", LsoaCode = "E01000009" },
        ], null, Ct);

        var streets = await store.TopLocationsAsync("2008-04", "2008-05", LocationLevel.Street, 10, Ct);
        var lsoas = await store.TopLocationsAsync("2008-04", "2008-05", LocationLevel.Lsoa, 1, Ct);

        Assert.Equal([("On or near Bedford Place", 2), ("On or near Above Bar Street", 1)], streets.Select(s => (s.Name, s.Count)));
        Assert.Equal([new LocationCount("Southampton 030B", "E01017140", 2)], lsoas);
    }

    [SkippableFact]
    public async Task A_correction_replaces_the_record_and_raises_its_revision()
    {
        var store = await NewStoreAsync();
        await store.AddAsync([Record("1")], null, Ct);

        var corrected = await store.CorrectAsync(Record("1", "2008-05", "Robbery"), null, Ct);

        Assert.Equal(2, corrected!.Revision);
        Assert.Equal([new RecordCount("2008-05", "Robbery", 1)], await store.CountAsync("2008-01", "2008-12", Ct));
        Assert.Null(await store.CorrectAsync(Record("not held"), null, Ct));
    }
}

public sealed class SqliteRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string _file = "";

    protected override async Task<IRecordStore> NewStoreAsync(RecordTallies? tallies = null)
    {
        _file = Path.Combine(_dir.Path, Guid.NewGuid() + ".db");
        return await ReopenAsync(tallies ?? RecordTallies.None);
    }

    protected override async Task<IRecordStore> ReopenAsync(RecordTallies tallies)
    {
        var store = new SqliteRecordStore(new SqliteDatabase(_file), tallies);
        await store.InitializeAsync(Ct);
        return store;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

public sealed class MongoRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly MongoTestServer _server = new();

    private MongoDB.Driver.IMongoDatabase? _database;

    protected override async Task<IRecordStore> NewStoreAsync(RecordTallies? tallies = null)
    {
        _database = _server.NewDatabase();
        return await ReopenAsync(tallies ?? RecordTallies.None);
    }

    protected override async Task<IRecordStore> ReopenAsync(RecordTallies tallies)
    {
        var store = new MongoRecordStore(_database!, tallies);
        await store.InitializeAsync(Ct);
        return store;
    }

    public void Dispose() => _server.Dispose();
}
