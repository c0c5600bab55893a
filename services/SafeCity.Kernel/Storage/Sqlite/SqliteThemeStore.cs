using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Outbox;

namespace SafeCity.Kernel.Storage.Sqlite;

/// <summary>The embedded theme store: one SQLite file per service, documents as JSON beside their keys.</summary>
public sealed class SqliteThemeStore(SqliteDatabase database) : IThemeStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS action_plans (
            number INTEGER PRIMARY KEY,
            revision INTEGER NOT NULL,
            document TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS actions (
            id TEXT PRIMARY KEY,
            plan_number INTEGER NOT NULL REFERENCES action_plans(number),
            ordinal INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            document TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS measurements (
            indicator_id TEXT NOT NULL,
            period TEXT NOT NULL,
            revision INTEGER NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (indicator_id, period));
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
        """;

    public Task InitializeAsync(CancellationToken ct) => database.ExecuteScriptAsync(Schema + SqliteAudit.Schema, ct);

    public async Task<IReadOnlyList<ActionPlan>> GetActionPlansAsync(CancellationToken ct)
    {
        var plans = await database.QueryAsync("SELECT document FROM action_plans ORDER BY number", r => Read<ActionPlan>(r.GetString(0)), ct);
        var actions = await database.QueryAsync("SELECT document FROM actions ORDER BY plan_number, ordinal", r => Read<PlanAction>(r.GetString(0)), ct);
        var byPlan = actions.ToLookup(a => a.PlanNumber);
        return plans.Select(p => p with { Actions = byPlan[p.Number].ToList() }).ToList();
    }

    public async Task<ActionPlan?> GetActionPlanAsync(int number, CancellationToken ct)
    {
        var plan = (await database.QueryAsync("SELECT document FROM action_plans WHERE number = $n", r => Read<ActionPlan>(r.GetString(0)), ct, ("$n", number))).SingleOrDefault();
        if (plan is null)
        {
            return null;
        }

        var actions = await database.QueryAsync("SELECT document FROM actions WHERE plan_number = $n ORDER BY ordinal", r => Read<PlanAction>(r.GetString(0)), ct, ("$n", number));
        return plan with { Actions = actions };
    }

    public Task<bool> AddActionPlanAsync(ActionPlan plan, Func<ActionPlan, Change> published, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
        {
            var exists = await connection.ScalarAsync(tx, "SELECT 1 FROM action_plans WHERE number = $n", ct, ("$n", plan.Number));
            if (exists is not null)
            {
                return false;
            }

            await connection.ExecuteAsync(tx, "INSERT INTO action_plans (number, revision, document) VALUES ($n, $r, $d)", ct,
                ("$n", plan.Number), ("$r", plan.Revision), ("$d", Write(plan with { Actions = [] })));
            var ordinal = 0;
            foreach (var action in plan.Actions)
            {
                await connection.ExecuteAsync(tx, "INSERT INTO actions (id, plan_number, ordinal, revision, document) VALUES ($id, $n, $o, $r, $d)", ct,
                    ("$id", action.Id), ("$n", plan.Number), ("$o", ordinal++), ("$r", action.Revision), ("$d", Write(action)));
            }

            await AppendAsync(connection, tx, published(plan), ct);
            return true;
        }, ct);

    public Task<ActionPlan> SavePlanStructureAsync(ActionPlan plan, long expectedRevision, Func<ActionPlan, Change> published, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
        {
            var stored = plan with { Revision = expectedRevision + 1 };
            var rows = await connection.ExecuteAsync(tx, "UPDATE action_plans SET revision = $r, document = $d WHERE number = $n AND revision = $expected", ct,
                ("$r", stored.Revision), ("$d", Write(stored with { Actions = [] })), ("$n", plan.Number), ("$expected", expectedRevision));
            if (rows != 1)
            {
                throw new ConcurrencyConflictException($"Plan {plan.Number} was changed by someone else meanwhile; reload it and try again.");
            }

            var ordinal = Convert.ToInt32(await connection.ScalarAsync(tx, "SELECT COUNT(*) FROM actions WHERE plan_number = $n", ct, ("$n", plan.Number)), CultureInfo.InvariantCulture);
            foreach (var action in plan.Actions)
            {
                ordinal += await connection.ExecuteAsync(tx, "INSERT INTO actions (id, plan_number, ordinal, revision, document) VALUES ($id, $n, $o, $r, $d) ON CONFLICT (id) DO NOTHING", ct,
                    ("$id", action.Id), ("$n", plan.Number), ("$o", ordinal), ("$r", action.Revision), ("$d", Write(action)));
            }

            var actions = await ReadActionsAsync(connection, tx, plan.Number, ct);
            var result = stored with { Actions = actions };
            await AppendAsync(connection, tx, published(result), ct);
            return result;
        }, ct);

    private static async Task<List<PlanAction>> ReadActionsAsync(SqliteConnection connection, SqliteTransaction tx, int number, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT document FROM actions WHERE plan_number = $n ORDER BY ordinal";
        command.Parameters.AddWithValue("$n", number);
        var actions = new List<PlanAction>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            actions.Add(Read<PlanAction>(reader.GetString(0)));
        }

        return actions;
    }

    public async Task<PlanAction?> GetActionAsync(string actionId, CancellationToken ct) =>
        (await database.QueryAsync("SELECT document FROM actions WHERE id = $id", r => Read<PlanAction>(r.GetString(0)), ct, ("$id", actionId))).SingleOrDefault();

    public Task<PlanAction> UpdateActionAsync(PlanAction changed, long expectedRevision, Func<PlanAction, Change> evented, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
        {
            var stored = changed with { Revision = expectedRevision + 1 };
            var rows = await connection.ExecuteAsync(tx, "UPDATE actions SET revision = $r, document = $d WHERE id = $id AND revision = $expected", ct,
                ("$r", stored.Revision), ("$d", Write(stored)), ("$id", changed.Id), ("$expected", expectedRevision));
            if (rows != 1)
            {
                throw new ConcurrencyConflictException($"Action {changed.Id} was changed by someone else meanwhile; reload it and try again.");
            }

            await AppendAsync(connection, tx, evented(stored), ct);
            return stored;
        }, ct);

    public Task<Measurement> RecordMeasurementAsync(Measurement measurement, Func<Measurement, Change> recorded, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
        {
            var previous = await connection.ScalarAsync(tx, "SELECT revision FROM measurements WHERE indicator_id = $i AND period = $p", ct,
                ("$i", measurement.IndicatorId), ("$p", measurement.Period));
            var stored = measurement with { Revision = previous is null ? 1 : Convert.ToInt64(previous, CultureInfo.InvariantCulture) + 1 };
            await connection.ExecuteAsync(tx, """
                INSERT INTO measurements (indicator_id, period, revision, document) VALUES ($i, $p, $r, $d)
                ON CONFLICT (indicator_id, period) DO UPDATE SET revision = excluded.revision, document = excluded.document
                """, ct, ("$i", stored.IndicatorId), ("$p", stored.Period), ("$r", stored.Revision), ("$d", Write(stored)));
            await AppendAsync(connection, tx, recorded(stored), ct);
            return stored;
        }, ct);

    public async Task<IReadOnlyList<Measurement>> GetMeasurementsAsync(string indicatorId, CancellationToken ct) =>
        await database.QueryAsync("SELECT document FROM measurements WHERE indicator_id = $i", r => Read<Measurement>(r.GetString(0)), ct, ("$i", indicatorId));

    public async Task<IReadOnlyList<Measurement>> GetAllMeasurementsAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT document FROM measurements", r => Read<Measurement>(r.GetString(0)), ct);

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

    private static async Task AppendAsync(SqliteConnection connection, SqliteTransaction tx, Change change, CancellationToken ct)
    {
        var message = change.Event;
        await connection.ExecuteAsync(tx, "INSERT INTO outbox (event_id, message_type, payload, created_at) VALUES ($id, $t, $p, $c)", ct,
            ("$id", message.EventId.ToString()), ("$t", message.MessageType), ("$p", message.Payload),
            ("$c", message.CreatedAt.ToString("O", CultureInfo.InvariantCulture)));
        if (change.Audit is { } audit)
        {
            await SqliteAudit.AppendAsync(connection, tx, audit, ct);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct) =>
        SqliteAudit.ReadAsync(database, from, to, limit, ct);

    private static string Write<T>(T value) => JsonSerializer.Serialize(value, KernelJson.Options);

    private static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, KernelJson.Options) ?? throw new InvalidDataException($"An empty {typeof(T).Name} document was stored.");
}
