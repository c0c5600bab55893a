using Microsoft.Data.Sqlite;
using SafeCity.ServiceDefaults;

namespace SafeCity.Storage;

/// <summary>
/// One SQLite file of the platform, its owner's alone from the moment it is made, opened in
/// write-ahead-log mode with full sync (a write that returned has reached the disk) and foreign keys
/// checked, plus whatever tuning its owner adds.
/// </summary>
public sealed class SqliteFile
{
    private const string Settings = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
    private readonly string _connectionString;
    private readonly string _pragmas;

    /// <param name="tuning">Further pragmas, run on every connection after the platform's own.</param>
    public SqliteFile(string path, string? tuning = null)
    {
        Path = path;
        _pragmas = tuning is null ? Settings : Settings + " " + tuning;
        // Made owner-only before SQLite opens it; SQLite gives its log and shared-memory files the same mode.
        OwnerOnly.CreateFile(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(_pragmas);
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = _pragmas;
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }
}
