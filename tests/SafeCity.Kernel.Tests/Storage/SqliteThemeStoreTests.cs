using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Storage;
using SafeCity.Kernel.Storage.Sqlite;
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
