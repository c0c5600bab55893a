using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Storage;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Storage;

public sealed class SqliteThemeStoreTests : ThemeStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<IThemeStore> NewStoreAsync()
    {
        var store = new SqliteThemeStore(new SqliteDatabase(Path.Combine(_dir.Path, Guid.NewGuid() + ".db")));
        await store.InitializeAsync(Ct);
        return store;
    }

    [Fact]
    public async Task What_was_written_is_there_after_the_file_is_opened_again()
    {
        var file = Path.Combine(_dir.Path, "reopened.db");
        var first = new SqliteThemeStore(new SqliteDatabase(file));
        await first.InitializeAsync(Ct);
        await first.AddActionPlanAsync(SamplePlan(), _ => Event("published"), Ct);
        var action = (await first.GetActionAsync("P1.A2", Ct))!;
        await first.UpdateActionAsync(action with { Status = ActionStatus.Completed }, 1, _ => Event("done"), Ct);

        var second = new SqliteThemeStore(new SqliteDatabase(file));
        await second.InitializeAsync(Ct);

        Assert.Equal(ActionStatus.Completed, (await second.GetActionAsync("P1.A2", Ct))!.Status);
        Assert.Equal(2, (await second.GetUndispatchedAsync(10, Ct)).Count);
    }

    [Fact]
    public async Task A_write_that_appends_an_event_wakes_the_dispatcher_once_committed_and_no_other_write_does()
    {
        var signal = new OutboxSignal();
        var database = new SqliteDatabase(Path.Combine(_dir.Path, "signalled.db")) { Signal = signal };
        var store = new SqliteThemeStore(database);
        await store.InitializeAsync(Ct);

        await database.WriteAsync((connection, tx) => connection.ExecuteAsync(tx, "CREATE TABLE quiet (x)", Ct), Ct);
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, Ct));

        await store.AddActionPlanAsync(SamplePlan(), _ => Event("published"), Ct);
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, Ct));

        // Refused before its commit (someone else changed the action): nothing was written, nobody is woken.
        var action = (await store.GetActionAsync("P1.A2", Ct))!;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateActionAsync(action with { Status = ActionStatus.Completed }, 7, _ => Event("stale"), Ct));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, Ct));

        await store.RecordMeasurementAsync(Measured("2008-04", 12), _ => Event("recorded"), Ct);
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, Ct));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
