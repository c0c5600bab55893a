using System.Globalization;
using Microsoft.Data.Sqlite;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Storage;

namespace SafeCity.Kernel.Audit;

/// <summary>The audit table of a service's SQLite file (created with the store's schema).</summary>
internal static class SqliteAudit
{
    public static readonly StoreSchema Schema = new("audit",
        SchemaMigration.Sql(1, "who changed what, and when", """
            CREATE TABLE IF NOT EXISTS audit (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                before TEXT,
                after TEXT);
            CREATE INDEX IF NOT EXISTS audit_by_time ON audit(at);
            """));

    public static Task<int> AppendAsync(SqliteConnection connection, SqliteTransaction tx, AuditEntry entry, CancellationToken ct) =>
        connection.ExecuteAsync(tx, "INSERT INTO audit (at, actor, action, subject, before, after) VALUES ($at, $actor, $action, $subject, $before, $after)", ct,
            ("$at", entry.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), ("$actor", entry.Actor), ("$action", entry.Action),
            ("$subject", entry.Subject), ("$before", entry.Before), ("$after", entry.After));

    public static async Task<IReadOnlyList<AuditEntry>> ReadAsync(SqliteDatabase database, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct) =>
        await database.QueryAsync(
            "SELECT sequence, at, actor, action, subject, before, after FROM audit WHERE at >= $from AND at < $to ORDER BY sequence DESC LIMIT $limit",
            r => new AuditEntry(DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6))
            { Sequence = r.GetInt64(0) },
            ct,
            ("$from", from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), ("$to", to.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), ("$limit", limit));
}
