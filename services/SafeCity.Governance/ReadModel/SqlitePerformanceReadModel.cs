using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCity.Contracts.Events;
using SafeCity.Kernel;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Storage;

namespace SafeCity.Governance.ReadModel;

public sealed class SqlitePerformanceReadModel(SqliteDatabase database) : IPerformanceReadModel
{
    /// <summary>The model's tables: their numbered changes.</summary>
    // Everything is keyed within its theme: plan numbers are the partnership's now (PlanNumbers/), but a
    // store from before the register may hold two themes' plan 20 (and P20.A1, P20.I1). The first tables
    // were keyed by number alone; migration 1 drops them, and the model is rebuilt from the themes (StartupRebuild).
    public static readonly StoreSchema Schema = new("read-model",
        SchemaMigration.Sql(1, "every theme's plans, actions and figures, keyed by theme, with versions", """
            DROP TABLE IF EXISTS plans;
            DROP TABLE IF EXISTS actions;
            DROP TABLE IF EXISTS measurements;
            CREATE TABLE IF NOT EXISTS theme_plans (
                theme TEXT NOT NULL,
                number INTEGER NOT NULL,
                revision INTEGER NOT NULL,
                document TEXT NOT NULL,
                PRIMARY KEY (theme, number));
            CREATE TABLE IF NOT EXISTS theme_actions (
                theme TEXT NOT NULL,
                id TEXT NOT NULL,
                plan_number INTEGER NOT NULL,
                status TEXT NOT NULL,
                rag TEXT NOT NULL,
                commentary TEXT,
                revision INTEGER NOT NULL,
                PRIMARY KEY (theme, id));
            CREATE TABLE IF NOT EXISTS theme_measurements (
                theme TEXT NOT NULL,
                indicator_id TEXT NOT NULL,
                period TEXT NOT NULL,
                value REAL NOT NULL,
                source TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                revision INTEGER NOT NULL,
                PRIMARY KEY (theme, indicator_id, period));
            CREATE TABLE IF NOT EXISTS model_version (version INTEGER NOT NULL);
            INSERT INTO model_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM model_version);
            CREATE TABLE IF NOT EXISTS figure_versions (
                theme TEXT NOT NULL,
                indicator_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (theme, indicator_id));
            INSERT OR IGNORE INTO figure_versions (theme, indicator_id, version) SELECT DISTINCT theme, indicator_id, 1 FROM theme_measurements;
            """ + VersionTriggers("theme_plans", "theme_actions", "theme_measurements") + FigureVersionTriggers),
        SchemaMigration.Sql(2, "each revision of an action kept", """
            CREATE TABLE IF NOT EXISTS theme_action_history (
                theme TEXT NOT NULL,
                id TEXT NOT NULL,
                revision INTEGER NOT NULL,
                document TEXT NOT NULL,
                PRIMARY KEY (theme, id, revision));
            """ + VersionTriggers("theme_action_history")),
        SchemaMigration.AddColumns(3, "theme_actions", "due_date TEXT", "year TEXT", "changed_at TEXT", "owner TEXT"));

    // Every change to the model, by any write path and in its own transaction, moves the version on.
    private static string VersionTriggers(params string[] tables) => string.Concat(
        from table in tables
        from change in new[] { "INSERT", "UPDATE", "DELETE" }
        select $"CREATE TRIGGER IF NOT EXISTS {table}_{change.ToLowerInvariant()}_version AFTER {change} ON {table} BEGIN UPDATE model_version SET version = version + 1; END;\n");

    // Each indicator's own number moves with every change to its figures; a row is never removed,
    // so a number, once read, is never seen again for different figures.
    private static string FigureVersionTriggers => string.Concat(
        from change in new[] { ("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD") }
        select $"""
            CREATE TRIGGER IF NOT EXISTS theme_measurements_{change.Item1.ToLowerInvariant()}_figure_version AFTER {change.Item1} ON theme_measurements BEGIN
                INSERT INTO figure_versions (theme, indicator_id, version) VALUES ({change.Item2}.theme, {change.Item2}.indicator_id, 1)
                ON CONFLICT (theme, indicator_id) DO UPDATE SET version = version + 1;
            END;

            """);

    public async Task<long> VersionAsync(CancellationToken ct) =>
        (await database.QueryAsync("SELECT version FROM model_version", r => r.GetInt64(0), ct)).Single();

    public Task InitializeAsync(CancellationToken ct) => database.MigrateAsync([Schema], ct);

    public Task<bool> ApplyAsync(ActionPlanPublished published, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
        {
            var plan = published.Plan;
            var changed = await connection.ExecuteAsync(tx, """
                INSERT INTO theme_plans (number, theme, revision, document) VALUES ($n, $t, $r, $d)
                ON CONFLICT (theme, number) DO UPDATE SET revision = excluded.revision, document = excluded.document
                WHERE excluded.revision > theme_plans.revision
                """, ct, ("$n", plan.Number), ("$t", published.Theme), ("$r", published.Revision), ("$d", JsonSerializer.Serialize(PlanRecord.StructureOf(plan), KernelJson.Options)));
            foreach (var action in plan.Actions)
            {
                var record = ActionRecord.From(published.Theme, plan.Number, action);
                changed += await UpsertActionAsync(connection, tx, record, ct);
                if (action.Revision == 1)
                {
                    changed += await KeepRevisionAsync(connection, tx, record, ct);
                }
            }

            return changed > 0;
        }, ct);

    public Task<bool> ApplyAsync(ActionStatusChanged changed, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
        {
            var record = ActionRecord.From(changed);
            var kept = await KeepRevisionAsync(connection, tx, record, ct);
            return await UpsertActionAsync(connection, tx, record, ct) + kept > 0;
        }, ct);

    private static Task<int> KeepRevisionAsync(SqliteConnection connection, SqliteTransaction tx, ActionRecord action, CancellationToken ct) =>
        connection.ExecuteAsync(tx, "INSERT INTO theme_action_history (theme, id, revision, document) VALUES ($t, $id, $r, $d) ON CONFLICT (theme, id, revision) DO NOTHING", ct,
            ("$t", action.Theme), ("$id", action.Id), ("$r", action.Revision), ("$d", JsonSerializer.Serialize(action, KernelJson.Options)));

    public async Task<IReadOnlyList<ActionRecord>> GetActionHistoryAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT document FROM theme_action_history", r => JsonSerializer.Deserialize<ActionRecord>(r.GetString(0), KernelJson.Options)!, ct);

    public Task<bool> ApplyAsync(MeasurementRecorded recorded, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(tx, """
            INSERT INTO theme_measurements (indicator_id, period, theme, value, source, recorded_at, revision) VALUES ($i, $p, $t, $v, $s, $at, $r)
            ON CONFLICT (theme, indicator_id, period) DO UPDATE SET value = excluded.value, source = excluded.source, recorded_at = excluded.recorded_at, revision = excluded.revision
            WHERE excluded.revision > theme_measurements.revision
            """, ct, ("$i", recorded.IndicatorId), ("$p", recorded.Period), ("$t", recorded.Theme), ("$v", recorded.Value), ("$s", recorded.Source),
            ("$at", recorded.RecordedAt.ToString("O", CultureInfo.InvariantCulture)), ("$r", recorded.Revision)) > 0, ct);

    public async Task<IReadOnlyList<PlanRecord>> GetPlansAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT theme, revision, document FROM theme_plans ORDER BY number, theme", ReadPlan, ct);

    public async Task<IReadOnlyList<ActionRecord>> GetActionsAsync(CancellationToken ct) =>
        await database.QueryAsync($"SELECT {ActionColumns} FROM theme_actions", ReadAction, ct);

    private const string ActionColumns = "id, theme, plan_number, status, rag, commentary, revision, due_date, year, changed_at, owner";

    public async Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT indicator_id, theme, period, value, source, recorded_at, revision FROM theme_measurements", ReadMeasurement, ct);

    public async Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string theme, string indicatorId, CancellationToken ct) =>
        await database.QueryAsync("SELECT indicator_id, theme, period, value, source, recorded_at, revision FROM theme_measurements WHERE theme = $t AND indicator_id = $i",
            ReadMeasurement, ct, ("$t", theme), ("$i", indicatorId));

    public async Task<IReadOnlyDictionary<(string Theme, string IndicatorId), long>> FigureVersionsAsync(CancellationToken ct) =>
        (await database.QueryAsync("SELECT theme, indicator_id, version FROM figure_versions", r => (Key: (r.GetString(0), r.GetString(1)), Version: r.GetInt64(2)), ct))
            .ToDictionary(v => v.Key, v => v.Version);

    public Task<ReplaceOutcome> ReplaceAsync(ReadModelSnapshot rebuilt, DateTimeOffset takenFrom, CancellationToken ct) =>
        // One transaction: reading what is held, merging and writing the result exclude every other write.
        database.WriteAsync(async (connection, tx) =>
        {
            var live = new ReadModelSnapshot(
                await connection.QueryAsync(tx, "SELECT theme, revision, document FROM theme_plans", ReadPlan, ct),
                await connection.QueryAsync(tx, $"SELECT {ActionColumns} FROM theme_actions", ReadAction, ct),
                await connection.QueryAsync(tx, "SELECT indicator_id, theme, period, value, source, recorded_at, revision FROM theme_measurements", ReadMeasurement, ct),
                await connection.QueryAsync(tx, "SELECT document FROM theme_action_history", r => JsonSerializer.Deserialize<ActionRecord>(r.GetString(0), KernelJson.Options)!, ct));
            var outcome = ReplaceOutcome.Plan(live, rebuilt, takenFrom);
            await connection.ExecuteAsync(tx, "DELETE FROM theme_plans; DELETE FROM theme_actions; DELETE FROM theme_measurements;", ct);
            foreach (var plan in outcome.Result.Plans)
            {
                await connection.ExecuteAsync(tx, "INSERT INTO theme_plans (number, theme, revision, document) VALUES ($n, $t, $r, $d)", ct,
                    ("$n", plan.Plan.Number), ("$t", plan.Theme), ("$r", plan.Revision), ("$d", JsonSerializer.Serialize(plan.Plan, KernelJson.Options)));
            }

            foreach (var action in outcome.Result.Actions)
            {
                await UpsertActionAsync(connection, tx, action, ct);
            }

            foreach (var m in outcome.Result.Measurements)
            {
                await connection.ExecuteAsync(tx, """
                    INSERT INTO theme_measurements (indicator_id, period, theme, value, source, recorded_at, revision) VALUES ($i, $p, $t, $v, $s, $at, $r)
                    """, ct, ("$i", m.IndicatorId), ("$p", m.Period), ("$t", m.Theme), ("$v", m.Value), ("$s", m.Source),
                    ("$at", m.RecordedAt.ToString("O", CultureInfo.InvariantCulture)), ("$r", m.Revision));
            }

            foreach (var h in outcome.Result.History)
            {
                await KeepRevisionAsync(connection, tx, h, ct);
            }

            return outcome;
        }, ct);

    private static PlanRecord ReadPlan(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), JsonSerializer.Deserialize<ActionPlanOutline>(r.GetString(2), KernelJson.Options)!);

    private static ActionRecord ReadAction(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt64(6),
            r.IsDBNull(7) ? null : DateOnly.ParseExact(r.GetString(7), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.IsDBNull(8) ? null : r.GetString(8),
            r.IsDBNull(9) ? null : DateTimeOffset.Parse(r.GetString(9), CultureInfo.InvariantCulture),
            r.IsDBNull(10) ? null : r.GetString(10));

    private static MeasurementRecord ReadMeasurement(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetString(4), DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture), r.GetInt64(6));

    private static Task<int> UpsertActionAsync(SqliteConnection connection, SqliteTransaction tx, ActionRecord action, CancellationToken ct) =>
        connection.ExecuteAsync(tx, """
            INSERT INTO theme_actions (id, theme, plan_number, status, rag, commentary, revision, due_date, year, changed_at, owner) VALUES ($id, $t, $n, $s, $rag, $c, $r, $due, $y, $at, $o)
            ON CONFLICT (theme, id) DO UPDATE SET status = excluded.status, rag = excluded.rag, commentary = excluded.commentary, revision = excluded.revision,
                due_date = excluded.due_date, year = excluded.year, changed_at = excluded.changed_at, owner = excluded.owner
            WHERE excluded.revision > theme_actions.revision
            """, ct, ("$id", action.Id), ("$t", action.Theme), ("$n", action.PlanNumber), ("$s", action.Status), ("$rag", action.Rag), ("$c", action.Commentary), ("$r", action.Revision),
            ("$due", action.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$y", action.Year), ("$at", action.ChangedAt?.ToString("O", CultureInfo.InvariantCulture)), ("$o", action.Owner));
}
