using Microsoft.Data.Sqlite;
using SafeCity.Storage;

namespace SafeCity.Kernel.Storage.Sqlite;

/// <summary>
/// A service's SQLite file (a <see cref="SqliteFile"/>, tuned for batches of records) with its writes
/// serialised in the process, so that they never wait on SQLite's busy lock.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly SqliteFile _file;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <param name="maxSizeMegabytes">A quota on the file (Storage:MaxSizeMegabytes): beyond it, writes are refused as on a full disk.</param>
    public SqliteDatabase(string file, int? maxSizeMegabytes = null)
    {
        File = file;
        // Records arrive in batches keyed by random references, so each batch dirties pages all over
        // the indexes. A 16 MB page cache (SQLite's default is 2 MB) keeps those pages between batches,
        // and checkpointing the log at 32 MB rather than 4 MB writes a page rewritten by many batches
        // into the file once (measured in docs/performance-notes.md); the log is cut back to 32 MB after.
        _file = new SqliteFile(file,
            "PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=8192; PRAGMA journal_size_limit=33554432;" +
            (maxSizeMegabytes is > 0 and var mb ? $" PRAGMA max_page_count={(long)mb * 1024 * 1024 / PageSize};" : ""));
    }

    public string File { get; }

    /// <summary>
    /// Woken after a write whose transaction appended an event to the outbox, so the dispatcher
    /// publishes it at once: a caller never has to remember to.
    /// </summary>
    public Outbox.OutboxSignal? Signal { get; init; }

    /// <summary>SQLite's default page size, which these files keep.</summary>
    public const int PageSize = 4096;

    public Task<SqliteConnection> OpenAsync(CancellationToken ct) => _file.OpenAsync(ct);

    /// <summary>
    /// Brings each part's tables up to this release's version, in one transaction: a file from an
    /// earlier release gains what it lacks, or nothing changes.
    /// </summary>
    public Task MigrateAsync(IEnumerable<StoreSchema> parts, CancellationToken ct) =>
        WriteAsync((connection, transaction) =>
        {
            foreach (var part in parts)
            {
                part.Apply(connection, transaction);
            }

            return Task.FromResult(true);
        }, ct);

    /// <summary>
    /// Refuses a damaged file before the service serves from it: SQLite's quick check reads every page
    /// (a few seconds for a national month of records) and answers "ok" only for a whole database.
    /// </summary>
    public async Task EnsureUsableAsync(CancellationToken ct)
    {
        string verdict;
        try
        {
            await using var connection = await OpenAsync(ct);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check(5)";
            var problems = new List<string>();
            await using (var reader = await check.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    problems.Add(reader.GetString(0));
                }
            }

            verdict = string.Join("; ", problems);
        }
        catch (SqliteException ex) when (StoreFault.Of(ex) is { } fault)
        {
            throw new StoreUnusableException(File, fault.Describe(), ex);
        }

        if (verdict != "ok")
        {
            throw new StoreUnusableException(File, new StoreFault(StoreFaultKind.Damaged, "SQLite's check found: " + verdict).Describe(), null);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one immediate transaction; it commits only if work returns.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(ct);
            if (SqliteOutbox.AppendedIn(transaction))
            {
                Signal?.Notify();
            }

            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.QueryAsync(null, sql, read, ct, parameters);
    }
}
