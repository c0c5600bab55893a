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
    private readonly string _existingOnly;
    private readonly string _pragmas;

    /// <param name="tuning">Further pragmas, run on every connection after the platform's own.</param>
    public SqliteFile(string path, string? tuning = null)
    {
        Path = path;
        _pragmas = tuning is null ? Settings : Settings + " " + tuning;
        // Made owner-only before SQLite opens it; SQLite gives its log and shared-memory files the same mode.
        OwnerOnly.CreateFile(path);
        var settings = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        _connectionString = settings.ToString();
        settings.Mode = SqliteOpenMode.ReadWrite;
        _existingOnly = settings.ToString();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(_pragmas);
        return connection;
    }

    /// <param name="existingOnly">Fail rather than make the file again where it has gone (work in the background, after a test or a restore removed it).</param>
    public async Task<SqliteConnection> OpenAsync(CancellationToken ct, bool existingOnly = false)
    {
        var connection = new SqliteConnection(existingOnly ? _existingOnly : _connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = _pragmas;
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }
}
