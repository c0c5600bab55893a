using System.Globalization;
using Microsoft.Data.Sqlite;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Outbox;
using SafeCity.Storage;

namespace SafeCity.Kernel.Storage.Sqlite;

/// <summary>
/// The outbox table of a service's SQLite file: a writer appends its events inside its own
/// transaction, and the dispatcher reads and marks them. Hand-written rather than MassTransit's
/// transactional outbox, which has no SQLite or MongoDB store on these machines.
/// </summary>
public sealed class SqliteOutbox(SqliteDatabase database) : IOutboxStore
{
    public static readonly StoreSchema Schema = new("outbox",
        SchemaMigration.Sql(1, "events waiting to be published", """
            CREATE TABLE IF NOT EXISTS outbox (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id TEXT NOT NULL UNIQUE,
                message_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL,
                dispatched_at TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT);
            CREATE INDEX IF NOT EXISTS outbox_undispatched ON outbox(sequence) WHERE dispatched_at IS NULL;
            """));

    public Task InitializeAsync(CancellationToken ct) => database.MigrateAsync([Schema], ct);

    // The transactions that appended an event: SqliteDatabase wakes the dispatcher after such a commit.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteTransaction, Change> Appended = [];

    /// <summary>Whether the transaction appended an event to the outbox.</summary>
    public static bool AppendedIn(SqliteTransaction tx) => Appended.TryGetValue(tx, out _);

    /// <summary>Appends the change's event, and its audit entry where it has one, inside the writer's transaction.</summary>
    public static async Task AppendAsync(SqliteConnection connection, SqliteTransaction tx, Change change, CancellationToken ct)
    {
        Appended.AddOrUpdate(tx, change);
        var message = change.Event;
        await connection.ExecuteAsync(tx, "INSERT INTO outbox (event_id, message_type, payload, created_at) VALUES ($id, $t, $p, $c)", ct,
            ("$id", message.EventId.ToString()), ("$t", message.MessageType), ("$p", message.Payload),
            ("$c", message.CreatedAt.ToString("O", CultureInfo.InvariantCulture)));
        if (change.Audit is { } audit)
        {
            await SqliteAudit.AppendAsync(connection, tx, audit, ct);
        }
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetUndispatchedAsync(int max, CancellationToken ct) =>
        await database.QueryAsync(
            "SELECT sequence, event_id, message_type, payload, created_at, attempts, last_error FROM outbox WHERE dispatched_at IS NULL ORDER BY sequence LIMIT $max",
            r => new OutboxMessage(Guid.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture))
            {
                Sequence = r.GetInt64(0),
                Attempts = r.GetInt32(5),
                LastError = r.IsDBNull(6) ? null : r.GetString(6),
            },
            ct,
            ("$max", max));

    public Task MarkDispatchedAsync(long sequence, DateTimeOffset at, CancellationToken ct) =>
        database.WriteAsync((connection, tx) => connection.ExecuteAsync(tx, "UPDATE outbox SET dispatched_at = $at WHERE sequence = $s", ct,
            ("$at", at.ToString("O", CultureInfo.InvariantCulture)), ("$s", sequence)), ct);

    public Task RecordDispatchFailureAsync(long sequence, string error, CancellationToken ct) =>
        database.WriteAsync((connection, tx) => connection.ExecuteAsync(tx, "UPDATE outbox SET attempts = attempts + 1, last_error = $e WHERE sequence = $s", ct,
            ("$e", error), ("$s", sequence)), ct);

    public async Task<OutboxBacklog> GetBacklogAsync(CancellationToken ct)
    {
        var count = (await database.QueryAsync("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL", r => r.GetInt32(0), ct))[0];
        if (count == 0)
        {
            return OutboxBacklog.Empty;
        }

        var oldest = await database.QueryAsync(
            "SELECT created_at, last_error FROM outbox WHERE dispatched_at IS NULL ORDER BY sequence LIMIT 1",
            r => (At: DateTimeOffset.Parse(r.GetString(0), CultureInfo.InvariantCulture), Error: r.IsDBNull(1) ? null : r.GetString(1)), ct);
        return oldest.Count == 0 ? OutboxBacklog.Empty : new OutboxBacklog(count, oldest[0].At, oldest[0].Error);
    }
}
