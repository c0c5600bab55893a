using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.Partners;
using SafeCity.Gateway.SignIn;
using SafeCity.Governance.ReadModel;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Records;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Gateway.Tests;

/// <summary>
/// A data folder written by the release of 26 November 2026, before stores had schema versions
/// (tests/Fixtures/README.md says how it was made), opened by this release's stores: every figure,
/// action, record, account and document is still there, and every part is at this release's version.
/// </summary>
public sealed class ReleaseUpgradeTests : IAsyncLifetime, IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const string Commentary = "Written by the release of 26 November 2026";
    private readonly TempDirectory _dir = new();

    public Task InitializeAsync() => ReleaseFixture.ExtractOf26NovemberTo(_dir.Path);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private string FileOf(string store) => Path.Combine(_dir.Path, store + ".db");

    private int VersionOf(string store, string part)
    {
        using var connection = new SqliteFile(FileOf(store)).Open();
        return StoreSchema.VersionIn(connection, null, part);
    }

    [Fact]
    public async Task A_themes_plans_figures_and_actions_are_all_there_and_the_file_at_this_releases_version()
    {
        var store = new SqliteThemeStore(new SqliteDatabase(FileOf("alcohol")));
        Assert.Equal(0, VersionOf("alcohol", SqliteThemeStore.Schema.Part));

        await store.InitializeAsync(Ct);

        Assert.Equal(2, (await store.GetActionPlansAsync(Ct)).Count);
        Assert.Equal([("P1.I6", "2008/09 Q2", 7.0), ("P1.I7", "2008/09 Q1", 31.0)],
            (await store.GetAllMeasurementsAsync(Ct)).Select(m => (m.IndicatorId, m.Period, m.Value)).Order());
        var action = (await store.GetActionAsync("P1.A5", Ct))!;
        Assert.Equal((ActionStatus.Delayed, Rag.Red, Commentary), (action.Status, action.Rag, action.Commentary));
        Assert.Equal(38, (await store.GetActionPlansAsync(Ct)).Sum(p => p.Actions.Count));
        // Kept since that release (theme-store's migration 2): there, and empty.
        Assert.Empty(await store.GetActionHistoryAsync(Ct));
        Assert.Equal(
            (SqliteThemeStore.Schema.Version, SqliteOutbox.Schema.Version, 1),
            (VersionOf("alcohol", "theme-store"), VersionOf("alcohol", "outbox"), VersionOf("alcohol", "audit")));
    }

    [Fact]
    public async Task A_themes_records_are_all_there()
    {
        foreach (var theme in new[] { "asb-arson", "acquisitive-crime" })
        {
            var store = new SqliteRecordStore(new SqliteDatabase(FileOf(theme)), RecordTallies.None);
            await store.InitializeAsync(Ct);

            var found = await store.FindAsync(new RecordQuery("2008-10", "2008-10"), Ct);
            Assert.Equal(["FIXTURE-" + theme], found.Select(r => r.Reference));
            Assert.Equal(SqliteRecordStore.Schema.Version, VersionOf(theme, "records"));
        }
    }

    [Fact]
    public async Task Governances_model_and_documents_are_all_there()
    {
        var database = new SqliteDatabase(FileOf("governance"));
        var model = new SqlitePerformanceReadModel(database);
        var documents = new SqliteDocumentStore(database);

        await model.InitializeAsync(Ct);
        await documents.InitializeAsync(Ct);

        Assert.Equal(19, (await model.GetPlansAsync(Ct)).Count);
        var actions = await model.GetActionsAsync(Ct);
        Assert.Equal(139, actions.Count);
        Assert.Empty(await model.GetActionHistoryAsync(Ct));
        var changed = actions.Single(a => a.Id == "P1.A5");
        Assert.Equal(("Delayed", "Red", Commentary, null), (changed.Status, changed.Rag, changed.Commentary, changed.Owner));
        Assert.Equal([("P1.I6", 7.0), ("P1.I7", 31.0)], (await model.GetMeasurementsAsync(Ct)).Select(m => (m.IndicatorId, m.Value)).Order());
        Assert.Equal([("alcohol", "P1.I6"), ("alcohol", "P1.I7")], (await model.FigureVersionsAsync(Ct)).Keys.Order());
        Assert.Single(await documents.ListAsync<JsonElement>("structure", Ct));
        Assert.Equal(SqlitePerformanceReadModel.Schema.Version, VersionOf("governance", "read-model"));
    }

    [Fact]
    public void The_gateways_administrator_is_still_there_and_the_register_is_made_beside_it()
    {
        var file = new SqliteFile(FileOf("gateway"));
        var clock = TimeProvider.System;
        var guard = new SignInGuard(file, clock, new SignInLimits());

        var accounts = new LocalAccounts(file, clock, guard);
        var register = new PartnerRegister(file, clock, guard);

        var admin = Assert.Single(accounts.All());
        Assert.Equal(("admin", false), (admin.Username, admin.Disabled));
        Assert.Equal(["administrator"], admin.Roles);
        Assert.Equal(15, register.All().Count);
        Assert.Equal((2, 2), (VersionOf("gateway", "accounts"), VersionOf("gateway", "partner-register")));
    }
}
