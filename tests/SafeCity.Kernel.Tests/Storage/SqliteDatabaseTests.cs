using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Storage;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Every_connection_syncs_each_write_and_keeps_a_batch_s_pages_between_checkpoints()
    {
        var database = new SqliteDatabase(Path.Combine(_dir.Path, "settings.db"));
        await using var connection = await database.OpenAsync(CancellationToken.None);

        async Task<string> Pragma(string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        // A write that returned has reached the disk: the log, synced on every commit (FULL is 2).
        Assert.Equal("wal", await Pragma("journal_mode"));
        Assert.Equal("2", await Pragma("synchronous"));
        // What the import's speed was measured with (docs/performance-notes.md): a 16 MB cache, a checkpoint every 32 MB of log.
        Assert.Equal("-16384", await Pragma("cache_size"));
        Assert.Equal("8192", await Pragma("wal_autocheckpoint"));
        Assert.Equal("33554432", await Pragma("journal_size_limit"));
    }
}
