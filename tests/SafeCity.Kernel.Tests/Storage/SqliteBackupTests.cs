using Microsoft.Data.Sqlite;
using SafeCity.Kernel.Storage;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Storage;

/// <summary>Backups taken while a store is written, restored whole or not at all; damaged and full stores named.</summary>
public sealed class SqliteBackupTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DataFolder => Path.Combine(_dir.Path, "data");

    private async Task<SqliteDatabase> StoreAsync(string name, int rows, int? quota = null)
    {
        var database = new SqliteDatabase(Path.Combine(DataFolder, name + ".db"), quota);
        await database.WriteAsync((connection, tx) => connection.ExecuteAsync(tx, "CREATE TABLE IF NOT EXISTS t (n INTEGER PRIMARY KEY, text TEXT)", CancellationToken.None), CancellationToken.None);
        await AddAsync(database, Enumerable.Range(1, rows));
        return database;
    }

    private static Task AddAsync(SqliteDatabase database, IEnumerable<int> rows, string text = "row") =>
        database.WriteAsync(async (connection, tx) =>
        {
            foreach (var n in rows)
            {
                await connection.ExecuteAsync(tx, "INSERT INTO t (n, text) VALUES ($n, $t)", CancellationToken.None, ("$n", n), ("$t", text));
            }

            return 0;
        }, CancellationToken.None);

    private static async Task<long> CountAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_folder_backed_up_while_written_restores_to_the_moment_of_the_backup_with_its_key()
    {
        var alcohol = await StoreAsync("alcohol", 100);
        await StoreAsync("governance", 5);
        await File.WriteAllTextAsync(Path.Combine(DataFolder, "personal-data.key"), "sealed");
        var backup = Path.Combine(_dir.Path, "backup");

        // A writer keeps going while the backup runs; the backup is one consistent moment.
        var writing = Task.Run(() => AddAsync(alcohol, Enumerable.Range(101, 400)));
        var stores = await SqliteBackup.BackUpFolderAsync(DataFolder, backup, CancellationToken.None);
        await writing;
        await AddAsync(alcohol, [1000]);

        Assert.Equal(["alcohol.db", "governance.db"], stores);
        Assert.Equal("sealed", await File.ReadAllTextAsync(Path.Combine(backup, "personal-data.key")));
        var backedUp = await CountAsync(Path.Combine(backup, "alcohol.db"));
        Assert.InRange(backedUp, 100, 500);

        SqliteConnection.ClearAllPools();
        var restored = await SqliteBackup.RestoreFolderAsync(backup, DataFolder, CancellationToken.None);
        Assert.Equal(["alcohol.db", "governance.db"], restored);
        Assert.Equal(backedUp, await CountAsync(Path.Combine(DataFolder, "alcohol.db")));
        Assert.Equal(5, await CountAsync(Path.Combine(DataFolder, "governance.db")));
    }

    [Fact]
    public async Task A_backup_with_one_damaged_store_restores_nothing()
    {
        await StoreAsync("alcohol", 10);
        await StoreAsync("drugs", 10);
        var backup = Path.Combine(_dir.Path, "backup");
        await SqliteBackup.BackUpFolderAsync(DataFolder, backup, CancellationToken.None);
        await File.WriteAllBytesAsync(Path.Combine(backup, "drugs.db"), new byte[8192]);
        var target = Path.Combine(_dir.Path, "elsewhere");

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteBackup.RestoreFolderAsync(backup, target, CancellationToken.None));

        Assert.Contains("drugs.db", refused.Message);
        Assert.False(File.Exists(Path.Combine(target, "alcohol.db")));
    }

    [Fact]
    public async Task A_damaged_file_is_refused_at_start_in_words_and_a_whole_one_passes()
    {
        var whole = await StoreAsync("youth", 3);
        await whole.EnsureUsableAsync(CancellationToken.None);

        var file = Path.Combine(DataFolder, "damaged.db");
        await File.WriteAllTextAsync(file, new string('z', 5000));
        var refused = await Assert.ThrowsAsync<StoreUnusableException>(() => new SqliteDatabase(file).EnsureUsableAsync(CancellationToken.None));

        Assert.StartsWith($"The store {file} cannot be used, so the service will not start. The service's store is damaged", refused.Message);
        Assert.Contains("restore the last backup", refused.Message);
    }

    [Fact]
    public async Task A_store_at_its_quota_refuses_the_write_whole_as_full()
    {
        var store = await StoreAsync("communities", 1, quota: 1);
        var full = await Assert.ThrowsAsync<SqliteException>(() => AddAsync(store, Enumerable.Range(2, 2000), new string('x', 1000)));

        Assert.Equal(StoreFaultKind.Full, StoreFault.Of(full)!.Kind);
        Assert.StartsWith("The service's store is full", StoreFault.Of(full)!.Describe());
        SqliteConnection.ClearAllPools();
        Assert.Equal(1, await CountAsync(Path.Combine(DataFolder, "communities.db")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_demonstration_backup_is_refused_by_a_folder_holding_real_data_and_restores_into_an_empty_one_still_marked()
    {
        await StoreAsync("alcohol", 10);
        await File.WriteAllTextAsync(Path.Combine(DataFolder, SqliteBackup.DemonstrationMarker), "filled");
        var backup = Path.Combine(_dir.Path, "demo-backup");
        await SqliteBackup.BackUpFolderAsync(DataFolder, backup, CancellationToken.None);
        Assert.True(SqliteBackup.IsDemonstration(backup));

        // A real platform's folder: refused, and not a byte of it changed.
        var real = Path.Combine(_dir.Path, "real");
        var database = new SqliteDatabase(Path.Combine(real, "alcohol.db"), null);
        await database.WriteAsync((connection, tx) => connection.ExecuteAsync(tx, "CREATE TABLE IF NOT EXISTS t (n INTEGER PRIMARY KEY, text TEXT)", CancellationToken.None), CancellationToken.None);
        await AddAsync(database, Enumerable.Range(1, 3));
        SqliteConnection.ClearAllPools();
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteBackup.RestoreFolderAsync(backup, real, CancellationToken.None));
        Assert.Contains("demonstration", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync(Path.Combine(real, "alcohol.db")));
        Assert.False(SqliteBackup.IsDemonstration(real));

        // An empty folder takes it, and stays labelled made up.
        var empty = Path.Combine(_dir.Path, "empty");
        await SqliteBackup.RestoreFolderAsync(backup, empty, CancellationToken.None);
        Assert.True(SqliteBackup.IsDemonstration(empty));
        Assert.Equal(10, await CountAsync(Path.Combine(empty, "alcohol.db")));

        // Real data restored over a demonstration folder is real: the mark goes.
        var realBackup = Path.Combine(_dir.Path, "real-backup");
        await SqliteBackup.BackUpFolderAsync(real, realBackup, CancellationToken.None);
        await SqliteBackup.RestoreFolderAsync(realBackup, empty, CancellationToken.None);
        Assert.False(SqliteBackup.IsDemonstration(empty));
        Assert.Equal(3, await CountAsync(Path.Combine(empty, "alcohol.db")));
    }
}
