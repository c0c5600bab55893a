using Microsoft.Data.Sqlite;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Storage;

/// <summary>Each store's numbered migrations: applied once, in order, all or none, and never backwards.</summary>
public sealed class StoreSchemaTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static readonly StoreSchema Notes = new("notes",
        SchemaMigration.Sql(1, "notes", "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"),
        SchemaMigration.AddColumns(2, "notes", "author TEXT", "pinned INTEGER NOT NULL DEFAULT 0"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private SqliteFile NewFile(string name = "store.db") => new(Path.Combine(_dir.Path, name));

    private static List<string> Columns(SqliteFile file)
    {
        using var connection = file.Open();
        return connection.Query("SELECT name FROM pragma_table_info('notes') ORDER BY cid", r => r.GetString(0));
    }

    private static List<(long Number, string Change)> Ledger(SqliteFile file, string part)
    {
        using var connection = file.Open();
        return connection.Query("SELECT number, change FROM schema_migrations WHERE part = $p ORDER BY number", r => (r.GetInt64(0), r.GetString(1)), ("$p", part));
    }

    [Fact]
    public void A_new_file_takes_every_migration_in_order_and_records_each_once()
    {
        var file = NewFile();

        Assert.Equal([1, 2], Notes.Apply(file));
        Assert.Empty(Notes.Apply(file));

        Assert.Equal(["id", "text", "author", "pinned"], Columns(file));
        Assert.Equal([(1L, "notes"), (2L, "notes gains author, pinned")], Ledger(file, "notes"));
        using var connection = file.Open();
        Assert.Equal(2, StoreSchema.VersionIn(connection, null, "notes"));
    }

    [Fact]
    public void A_file_from_before_versions_gains_only_what_it_lacks_and_keeps_its_rows()
    {
        var file = NewFile();
        using (var connection = file.Open())
        {
            // As an earlier release left it: the table, one of the later columns, a row, and no ledger.
            connection.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, author TEXT); INSERT INTO notes (text, author) VALUES ('kept', 'officer')");
        }

        Assert.Equal([1, 2], Notes.Apply(file));

        Assert.Equal(["id", "text", "author", "pinned"], Columns(file));
        using var read = file.Open();
        Assert.Equal([("kept", "officer", 0L)], read.Query("SELECT text, author, pinned FROM notes", r => (r.GetString(0), r.GetString(1), r.GetInt64(2))));
    }

    [Fact]
    public void A_migration_that_fails_leaves_the_file_as_it_was()
    {
        var file = NewFile();
        var broken = new StoreSchema("notes",
            SchemaMigration.Sql(1, "notes", "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"),
            SchemaMigration.Sql(2, "a mistake", "ALTER TABLE nowhere ADD COLUMN x TEXT"));

        Assert.Throws<SqliteException>(() => broken.Apply(file));

        using var connection = file.Open();
        Assert.Equal(0L, connection.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('notes', 'schema_migrations')"));
        Assert.Equal(0, StoreSchema.VersionIn(connection, null, "notes"));
    }

    [Fact]
    public void A_file_written_by_a_later_release_is_refused_naming_the_part_and_both_versions()
    {
        var file = NewFile();
        new StoreSchema("notes", [.. Notes.Migrations, SchemaMigration.Sql(3, "later", "CREATE TABLE later (id INTEGER)")]).Apply(file);

        var refused = Assert.Throws<SchemaTooNewException>(() => Notes.Apply(file));

        Assert.Equal("notes", refused.Part);
        Assert.Contains("notes at schema version 3", refused.Message, StringComparison.Ordinal);
        Assert.Contains("versions up to 2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_sharing_a_file_keep_versions_of_their_own()
    {
        var file = NewFile();
        var other = new StoreSchema("other", SchemaMigration.Sql(1, "other", "CREATE TABLE IF NOT EXISTS other (id INTEGER)"));

        Notes.Apply(file);
        Assert.Equal([1], other.Apply(file));

        using var connection = file.Open();
        Assert.Equal((2, 1), (StoreSchema.VersionIn(connection, null, "notes"), StoreSchema.VersionIn(connection, null, "other")));
    }

    [Fact]
    public void Migrations_numbered_with_a_gap_or_out_of_order_are_refused_when_declared()
    {
        Assert.Throws<ArgumentException>(() => new StoreSchema("gap", SchemaMigration.Sql(1, "a", "SELECT 1"), SchemaMigration.Sql(3, "b", "SELECT 1")));
        Assert.Throws<ArgumentException>(() => new StoreSchema("order", SchemaMigration.Sql(2, "a", "SELECT 1"), SchemaMigration.Sql(1, "b", "SELECT 1")));
        Assert.Throws<ArgumentException>(() => new StoreSchema("none"));
    }
}
