using SafeCity.Kernel.Records;
using SafeCity.Kernel.Storage.Sqlite;

namespace SafeCity.Kernel.Tests.Storage;

/// <summary>What every record register must do, on SQLite and on MongoDB.</summary>
public abstract class RecordStoreContract
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<IRecordStore> NewStoreAsync();

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

    protected override async Task<IRecordStore> NewStoreAsync()
    {
        var store = new SqliteRecordStore(new SqliteDatabase(Path.Combine(_dir.Path, Guid.NewGuid() + ".db")));
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

    protected override async Task<IRecordStore> NewStoreAsync()
    {
        var store = new MongoRecordStore(_server.NewDatabase());
        await store.InitializeAsync(Ct);
        return store;
    }

    public void Dispose() => _server.Dispose();
}
