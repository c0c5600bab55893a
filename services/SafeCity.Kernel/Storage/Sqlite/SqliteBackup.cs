using Microsoft.Data.Sqlite;
using SafeCity.ServiceDefaults;
using SafeCity.Storage;

namespace SafeCity.Kernel.Storage.Sqlite;

/// <summary>
/// Backups of a data folder's SQLite stores, taken while the services run (SQLite's online backup
/// copies a consistent snapshot page by page, never a half-written transaction), and their restore.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Files beside the stores that a restore needs: the key that seals the PPO cohort's personal data.</summary>
    public static readonly string[] KeyFiles = ["personal-data.key"];

    /// <summary>The file that marks a data folder as holding demonstration data: it travels with a backup, which a folder holding real data refuses.</summary>
    public const string DemonstrationMarker = DemonstrationData.Marker;

    public static bool IsDemonstration(string folder) => File.Exists(Path.Combine(folder, DemonstrationMarker));

    /// <summary>Copies every store of <paramref name="dataDirectory"/> (and its key files) into <paramref name="destination"/>; returns the stores copied.</summary>
    public static async Task<IReadOnlyList<string>> BackUpFolderAsync(string dataDirectory, string destination, CancellationToken ct)
    {
        OwnerOnly.CreateDirectory(destination);
        var copied = new List<string>();
        foreach (var store in Directory.GetFiles(dataDirectory, "*.db").Order(StringComparer.Ordinal))
        {
            await BackUpAsync(store, Path.Combine(destination, Path.GetFileName(store)), ct);
            copied.Add(Path.GetFileName(store));
        }

        foreach (var key in KeyFiles.Append(DemonstrationMarker).Select(k => Path.Combine(dataDirectory, k)).Where(File.Exists))
        {
            OwnerOnly.Copy(key, Path.Combine(destination, Path.GetFileName(key)));
        }

        return copied;
    }

    /// <summary>An online backup of one store into a new file, checked before it is kept.</summary>
    public static async Task BackUpAsync(string store, string backupFile, CancellationToken ct)
    {
        if (!File.Exists(store))
        {
            throw new FileNotFoundException($"There is no store at {store}.", store);
        }

        var partial = backupFile + ".partial";
        File.Delete(partial);
        OwnerOnly.CreateFile(partial);
        await using (var source = new SqliteConnection(ConnectionString(store, SqliteOpenMode.ReadOnly)))
        await using (var target = new SqliteConnection(ConnectionString(partial, SqliteOpenMode.ReadWriteCreate)))
        {
            await source.OpenAsync(ct);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
        }

        await CheckAsync(partial, ct);
        File.Move(partial, backupFile, overwrite: true);
    }

    /// <summary>
    /// Puts a backup in place of the stores of <paramref name="dataDirectory"/>. The services must be
    /// stopped: a running one would keep writing to the file it has open. Returns the stores restored.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RestoreFolderAsync(string backup, string dataDirectory, CancellationToken ct)
    {
        var stores = Directory.GetFiles(backup, "*.db").Order(StringComparer.Ordinal).ToList();
        if (stores.Count == 0)
        {
            throw new InvalidDataException($"{backup} holds no stores (*.db): is it a backup folder?");
        }

        // Made-up figures never replace a partnership's real ones.
        if (IsDemonstration(backup) && !IsDemonstration(dataDirectory) && Directory.Exists(dataDirectory) && Directory.EnumerateFiles(dataDirectory, "*.db").Any())
        {
            throw new InvalidDataException($"{backup} holds demonstration data and {dataDirectory} holds a real platform's: a demonstration backup is restored only into an empty folder or a demonstration one.");
        }

        // Every file is checked before any is replaced: a restore is all or nothing.
        foreach (var store in stores)
        {
            await CheckAsync(store, ct);
        }

        OwnerOnly.CreateDirectory(dataDirectory);
        foreach (var store in stores)
        {
            Restore(store, Path.Combine(dataDirectory, Path.GetFileName(store)));
        }

        foreach (var key in KeyFiles.Append(DemonstrationMarker).Select(k => Path.Combine(backup, k)).Where(File.Exists))
        {
            OwnerOnly.Copy(key, Path.Combine(dataDirectory, Path.GetFileName(key)));
        }

        // The data is the backup's: real data restored over a demonstration folder is no longer labelled made up.
        if (!IsDemonstration(backup))
        {
            File.Delete(Path.Combine(dataDirectory, DemonstrationMarker));
        }

        return stores.Select(Path.GetFileName).ToList()!;
    }

    /// <summary>Replaces one (stopped) service's store with a backup of it.</summary>
    public static void Restore(string backupFile, string store)
    {
        // The old file's write-ahead log belongs to the old file: left beside the backup, SQLite would replay it into it.
        File.Delete(store + "-wal");
        File.Delete(store + "-shm");
        var incoming = store + ".restoring";
        OwnerOnly.Copy(backupFile, incoming);
        File.Move(incoming, store, overwrite: true);
    }

    /// <summary>
    /// Opens every store of a backup folder and checks it as a restore would, counting its tables and rows:
    /// what a scheduled backup's manifest records.
    /// </summary>
    public static async Task<IReadOnlyList<BackedUpStore>> VerifyFolderAsync(string backup, CancellationToken ct)
    {
        var found = new List<BackedUpStore>();
        foreach (var store in Directory.GetFiles(backup, "*.db").Order(StringComparer.Ordinal))
        {
            await CheckAsync(store, ct);
            await using var connection = new SqliteConnection(ConnectionString(store, SqliteOpenMode.ReadOnly));
            await connection.OpenAsync(ct);
            var tables = await connection.QueryAsync(null, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", r => r.GetString(0), ct);
            long rows = 0;
            foreach (var table in tables)
            {
                // The names come from the file's own catalogue, quoted as SQLite quotes identifiers.
                rows += (await connection.QueryAsync(null, $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", r => r.GetInt64(0), ct))[0];
            }

            found.Add(new BackedUpStore(Path.GetFileName(store), tables.Count, rows));
        }

        return found;
    }

    private static async Task CheckAsync(string file, CancellationToken ct)
    {
        try
        {
            await using var connection = new SqliteConnection(ConnectionString(file, SqliteOpenMode.ReadOnly));
            await connection.OpenAsync(ct);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check(1)";
            var verdict = (string?)await check.ExecuteScalarAsync(ct);
            if (verdict != "ok")
            {
                throw new InvalidDataException($"{file} is damaged: {verdict}");
            }
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException($"{file} is not a whole SQLite database: {ex.Message}", ex);
        }
    }

    private static string ConnectionString(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();
}
