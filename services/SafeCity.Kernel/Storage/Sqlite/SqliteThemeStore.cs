using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Outbox;
using SafeCity.Storage;

namespace SafeCity.Kernel.Storage.Sqlite;

/// <summary>The embedded theme store: one SQLite file per service, documents as JSON beside their keys.</summary>
public sealed class SqliteThemeStore(SqliteDatabase database) : IThemeStore
{
    /// <summary>The theme's plans, actions and figures: its tables' numbered changes.</summary>
    public static readonly StoreSchema Schema = new("theme-store",
        SchemaMigration.Sql(1, "plans, actions and measurements", """
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
            """),
        SchemaMigration.Sql(2, "each revision of an action kept", """
            CREATE TABLE IF NOT EXISTS action_history (
                id TEXT NOT NULL,
                revision INTEGER NOT NULL,
                document TEXT NOT NULL,
                PRIMARY KEY (id, revision));
            """));

    private readonly SqliteOutbox _outbox = new(database);

    public Task InitializeAsync(CancellationToken ct) => database.MigrateAsync([Schema, SqliteOutbox.Schema, SqliteAudit.Schema], ct);

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
                await KeepRevisionAsync(connection, tx, action, ct);
            }

            await SqliteOutbox.AppendAsync(connection, tx, published(plan), ct);
            return true;
        }, ct);

    public Task<IReadOnlyList<ActionPlan>> SavePlansAsync(IReadOnlyList<PlanWrite> writes, Func<IReadOnlyList<ActionPlan>, IReadOnlyList<PlanAction>, IReadOnlyList<Change>> changes, CancellationToken ct) =>
        database.WriteAsync<IReadOnlyList<ActionPlan>>(async (connection, tx) =>
        {
            var saved = new List<ActionPlan>();
            var changedActions = new List<PlanAction>();
            foreach (var (plan, expectedRevision, changed) in writes)
            {
                var stored = plan with { Revision = expectedRevision + 1 };
                var rows = await connection.ExecuteAsync(tx, "UPDATE action_plans SET revision = $r, document = $d WHERE number = $n AND revision = $expected", ct,
                    ("$r", stored.Revision), ("$d", Write(stored with { Actions = [] })), ("$n", plan.Number), ("$expected", expectedRevision));
                if (rows != 1)
                {
                    throw new ConcurrencyConflictException($"Plan {plan.Number} was changed by someone else meanwhile; reload it and try again.");
                }

                foreach (var action in changed)
                {
                    changedActions.Add(await UpdateActionRowAsync(connection, tx, action, action.Revision, ct));
                }

                var ordinal = Convert.ToInt32(await connection.ScalarAsync(tx, "SELECT COUNT(*) FROM actions WHERE plan_number = $n", ct, ("$n", plan.Number)), CultureInfo.InvariantCulture);
                foreach (var action in plan.Actions)
                {
                    var added = await connection.ExecuteAsync(tx, "INSERT INTO actions (id, plan_number, ordinal, revision, document) VALUES ($id, $n, $o, $r, $d) ON CONFLICT (id) DO NOTHING", ct,
                        ("$id", action.Id), ("$n", plan.Number), ("$o", ordinal), ("$r", action.Revision), ("$d", Write(action)));
                    if (added == 1)
                    {
                        ordinal++;
                        await KeepRevisionAsync(connection, tx, action, ct);
                    }
                }

                saved.Add(stored with { Actions = await ReadActionsAsync(connection, tx, plan.Number, ct) });
            }

            foreach (var change in changes(saved, changedActions))
            {
                await SqliteOutbox.AppendAsync(connection, tx, change, ct);
            }

            return saved;
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
            var stored = await UpdateActionRowAsync(connection, tx, changed, expectedRevision, ct);
            await SqliteOutbox.AppendAsync(connection, tx, evented(stored), ct);
            return stored;
        }, ct);

    private static async Task<PlanAction> UpdateActionRowAsync(SqliteConnection connection, SqliteTransaction tx, PlanAction changed, long expectedRevision, CancellationToken ct)
    {
        var stored = changed with { Revision = expectedRevision + 1 };
        var rows = await connection.ExecuteAsync(tx, "UPDATE actions SET revision = $r, document = $d WHERE id = $id AND revision = $expected", ct,
            ("$r", stored.Revision), ("$d", Write(stored)), ("$id", changed.Id), ("$expected", expectedRevision));
        if (rows != 1)
        {
            throw new ConcurrencyConflictException($"Action {changed.Id} was changed by someone else meanwhile; reload it and try again.");
        }

        await KeepRevisionAsync(connection, tx, stored, ct);
        return stored;
    }

    // Every revision of every action is kept, so the plan can be read as it stood on a past date.
    private static Task<int> KeepRevisionAsync(SqliteConnection connection, SqliteTransaction tx, PlanAction action, CancellationToken ct) =>
        connection.ExecuteAsync(tx, "INSERT INTO action_history (id, revision, document) VALUES ($id, $r, $d) ON CONFLICT (id, revision) DO NOTHING", ct,
            ("$id", action.Id), ("$r", action.Revision), ("$d", Write(action)));

    public async Task<IReadOnlyList<PlanAction>> GetActionHistoryAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT document FROM action_history ORDER BY id, revision", r => Read<PlanAction>(r.GetString(0)), ct);

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
            await SqliteOutbox.AppendAsync(connection, tx, recorded(stored), ct);
            return stored;
        }, ct);

    public async Task<IReadOnlyList<Measurement>> GetMeasurementsAsync(string indicatorId, CancellationToken ct) =>
        await database.QueryAsync("SELECT document FROM measurements WHERE indicator_id = $i", r => Read<Measurement>(r.GetString(0)), ct, ("$i", indicatorId));

    public async Task<IReadOnlyList<Measurement>> GetAllMeasurementsAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT document FROM measurements", r => Read<Measurement>(r.GetString(0)), ct);

    public async Task<Measurement?> GetMeasurementAsync(string indicatorId, string period, CancellationToken ct) =>
        (await database.QueryAsync("SELECT document FROM measurements WHERE indicator_id = $i AND period = $p", r => Read<Measurement>(r.GetString(0)), ct,
            ("$i", indicatorId), ("$p", period))).SingleOrDefault();

    public Task<IReadOnlyList<OutboxMessage>> GetUndispatchedAsync(int max, CancellationToken ct) => _outbox.GetUndispatchedAsync(max, ct);

    public Task<OutboxBacklog> GetBacklogAsync(CancellationToken ct) => _outbox.GetBacklogAsync(ct);

    public Task MarkDispatchedAsync(long sequence, DateTimeOffset at, CancellationToken ct) => _outbox.MarkDispatchedAsync(sequence, at, ct);

    public Task RecordDispatchFailureAsync(long sequence, string error, CancellationToken ct) => _outbox.RecordDispatchFailureAsync(sequence, error, ct);

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct) =>
        SqliteAudit.ReadAsync(database, from, to, limit, ct);

    private static string Write<T>(T value) => JsonSerializer.Serialize(value, KernelJson.Options);

    private static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, KernelJson.Options) ?? throw new InvalidDataException($"An empty {typeof(T).Name} document was stored.");
}
