using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SafeCity.Storage;

/// <summary>One numbered change to a store's tables, applied once, in order, and recorded.</summary>
/// <param name="Number">1, 2, 3…: a store holds every change up to its version, and no other.</param>
/// <param name="Change">What it changes, in words, as <c>schema_migrations</c> records it.</param>
public sealed record SchemaMigration(int Number, string Change, Action<SqliteConnection, SqliteTransaction> Apply)
{
    /// <summary>
    /// A change written as SQL. Those of a store's first versions create only what is missing
    /// (<c>IF NOT EXISTS</c>): files written before stores had versions hold some of it already.
    /// </summary>
    public static SchemaMigration Sql(int number, string change, string sql) => new(number, change, (c, tx) => c.Execute(tx, sql));

    /// <summary>
    /// Adds the columns a table lacks, empty (or at their default). A file written before stores had
    /// versions may hold some of them already, so each is added only where it is missing.
    /// </summary>
    /// <param name="columns">Each as SQLite declares it: its name, then its type and constraints.</param>
    public static SchemaMigration AddColumns(int number, string table, params string[] columns) =>
        new(number, $"{table} gains {string.Join(", ", columns.Select(NameOf))}", (c, tx) =>
        {
            var held = c.Query(tx, "SELECT name FROM pragma_table_info($t)", r => r.GetString(0), ("$t", table)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var column in columns.Where(column => !held.Contains(NameOf(column))))
            {
                c.Execute(tx, $"ALTER TABLE {table} ADD COLUMN {column}");
            }
        });

    private static string NameOf(string column) => column.Split(' ', 2)[0];
}

/// <summary>
/// A store's schema as its numbered migrations. Several stores may share a file (a theme's holds its
/// plans, its outbox, its audit trail and its records), so each is versioned by its part's name in the
/// file's <c>schema_migrations</c> table, one row a change applied.
/// </summary>
public sealed class StoreSchema
{
    private const string Ledger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            part TEXT NOT NULL,
            number INTEGER NOT NULL,
            change TEXT NOT NULL,
            applied_at TEXT NOT NULL,
            PRIMARY KEY (part, number));
        """;

    public StoreSchema(string part, params SchemaMigration[] migrations)
    {
        // A gap or a repeat would leave a file at a version that does not say what it holds.
        if (migrations.Length == 0 || migrations.Select((m, i) => m.Number != i + 1).Any(wrong => wrong))
        {
            throw new ArgumentException($"The migrations of '{part}' must be numbered 1, 2, 3… in order.", nameof(migrations));
        }

        Part = part;
        Migrations = migrations;
    }

    public string Part { get; }

    public IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>The version this release writes: its last migration's number.</summary>
    public int Version => Migrations.Count;

    /// <summary>
    /// Applies, inside the caller's transaction, each migration the file does not hold yet, and records
    /// it; a failure rolls all of them back with the transaction. The numbers applied.
    /// </summary>
    /// <exception cref="SchemaTooNewException">The file was written by a later release.</exception>
    public IReadOnlyList<int> Apply(SqliteConnection connection, SqliteTransaction transaction)
    {
        connection.Execute(transaction, Ledger);
        var held = Held(connection, transaction, Part);
        if (held > Version)
        {
            throw new SchemaTooNewException(connection.DataSource, Part, held, Version);
        }

        var applied = new List<int>();
        foreach (var migration in Migrations.Where(m => m.Number > held))
        {
            migration.Apply(connection, transaction);
            connection.Execute(transaction, "INSERT INTO schema_migrations (part, number, change, applied_at) VALUES ($p, $n, $c, $at)",
                ("$p", Part), ("$n", migration.Number), ("$c", migration.Change), ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            applied.Add(migration.Number);
        }

        return applied;
    }

    /// <summary>Applies what is missing in a transaction of its own.</summary>
    public IReadOnlyList<int> Apply(SqliteFile file)
    {
        using var connection = file.Open();
        using var transaction = connection.BeginTransaction();
        var applied = Apply(connection, transaction);
        transaction.Commit();
        return applied;
    }

    /// <summary>The version of a part a file holds: 0 for none (a new file, or one from before stores had versions).</summary>
    public static int VersionIn(SqliteConnection connection, SqliteTransaction? transaction, string part) =>
        connection.Scalar(transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") is 0L
            ? 0
            : Held(connection, transaction, part);

    private static int Held(SqliteConnection connection, SqliteTransaction? transaction, string part) =>
        Convert.ToInt32(connection.Scalar(transaction, "SELECT MAX(number) FROM schema_migrations WHERE part = $p", ("$p", part)) ?? 0L, CultureInfo.InvariantCulture);
}

/// <summary>A store written by a later release than the one opening it: refused rather than misread.</summary>
public sealed class SchemaTooNewException(string file, string part, int held, int known) : InvalidOperationException(
    $"{file} holds its {part} at schema version {held}, written by a later release of the platform; this release knows versions up to {known}. " +
    "Run the release that wrote it, or restore a backup taken before that release first opened it.")
{
    public string Part { get; } = part;
}
