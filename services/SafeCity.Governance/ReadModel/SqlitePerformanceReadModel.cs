using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCity.Contracts.Events;
using SafeCity.Kernel;
using SafeCity.Kernel.Storage.Sqlite;

namespace SafeCity.Governance.ReadModel;

public sealed class SqlitePerformanceReadModel(SqliteDatabase database) : IPerformanceReadModel
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS plans (
            number INTEGER PRIMARY KEY,
            theme TEXT NOT NULL,
            revision INTEGER NOT NULL,
            document TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS actions (
            id TEXT PRIMARY KEY,
            theme TEXT NOT NULL,
            plan_number INTEGER NOT NULL,
            status TEXT NOT NULL,
            rag TEXT NOT NULL,
            commentary TEXT,
            revision INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS measurements (
            indicator_id TEXT NOT NULL,
            period TEXT NOT NULL,
            theme TEXT NOT NULL,
            value REAL NOT NULL,
            source TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            revision INTEGER NOT NULL,
            PRIMARY KEY (indicator_id, period));
        """;

    public Task InitializeAsync(CancellationToken ct) => database.ExecuteScriptAsync(Schema, ct);

    public Task<bool> ApplyAsync(ActionPlanPublished published, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
        {
            var plan = published.Plan;
            var changed = await connection.ExecuteAsync(tx, """
                INSERT INTO plans (number, theme, revision, document) VALUES ($n, $t, $r, $d)
                ON CONFLICT (number) DO UPDATE SET theme = excluded.theme, revision = excluded.revision, document = excluded.document
                WHERE excluded.revision > plans.revision
                """, ct, ("$n", plan.Number), ("$t", published.Theme), ("$r", published.Revision), ("$d", JsonSerializer.Serialize(PlanRecord.StructureOf(plan), KernelJson.Options)));
            foreach (var action in plan.Actions)
            {
                changed += await UpsertActionAsync(connection, tx, new ActionRecord(action.Id, published.Theme, plan.Number, action.Status, action.Rag, action.Commentary, action.Revision), ct);
            }

            return changed > 0;
        }, ct);

    public Task<bool> ApplyAsync(ActionStatusChanged changed, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
            await UpsertActionAsync(connection, tx, new ActionRecord(changed.ActionId, changed.Theme, changed.PlanNumber, changed.Status, changed.Rag, changed.Commentary, changed.Revision), ct) > 0, ct);

    public Task<bool> ApplyAsync(MeasurementRecorded recorded, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(tx, """
            INSERT INTO measurements (indicator_id, period, theme, value, source, recorded_at, revision) VALUES ($i, $p, $t, $v, $s, $at, $r)
            ON CONFLICT (indicator_id, period) DO UPDATE SET value = excluded.value, source = excluded.source, recorded_at = excluded.recorded_at, revision = excluded.revision
            WHERE excluded.revision > measurements.revision
            """, ct, ("$i", recorded.IndicatorId), ("$p", recorded.Period), ("$t", recorded.Theme), ("$v", recorded.Value), ("$s", recorded.Source),
            ("$at", recorded.RecordedAt.ToString("O", CultureInfo.InvariantCulture)), ("$r", recorded.Revision)) > 0, ct);

    public async Task<IReadOnlyList<PlanRecord>> GetPlansAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT theme, revision, document FROM plans ORDER BY number", ReadPlan, ct);

    public async Task<IReadOnlyList<ActionRecord>> GetActionsAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT id, theme, plan_number, status, rag, commentary, revision FROM actions", ReadAction, ct);

    public async Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT indicator_id, theme, period, value, source, recorded_at, revision FROM measurements", ReadMeasurement, ct);

    public Task<ReplaceOutcome> ReplaceAsync(ReadModelSnapshot rebuilt, DateTimeOffset takenFrom, CancellationToken ct) =>
        // One transaction: reading what is held, merging and writing the result exclude every other write.
        database.WriteAsync(async (connection, tx) =>
        {
            var live = new ReadModelSnapshot(
                await connection.QueryAsync(tx, "SELECT theme, revision, document FROM plans", ReadPlan, ct),
                await connection.QueryAsync(tx, "SELECT id, theme, plan_number, status, rag, commentary, revision FROM actions", ReadAction, ct),
                await connection.QueryAsync(tx, "SELECT indicator_id, theme, period, value, source, recorded_at, revision FROM measurements", ReadMeasurement, ct));
            var outcome = ReplaceOutcome.Plan(live, rebuilt, takenFrom);
            await connection.ExecuteAsync(tx, "DELETE FROM plans; DELETE FROM actions; DELETE FROM measurements;", ct);
            foreach (var plan in outcome.Result.Plans)
            {
                await connection.ExecuteAsync(tx, "INSERT INTO plans (number, theme, revision, document) VALUES ($n, $t, $r, $d)", ct,
                    ("$n", plan.Plan.Number), ("$t", plan.Theme), ("$r", plan.Revision), ("$d", JsonSerializer.Serialize(plan.Plan, KernelJson.Options)));
            }

            foreach (var action in outcome.Result.Actions)
            {
                await UpsertActionAsync(connection, tx, action, ct);
            }

            foreach (var m in outcome.Result.Measurements)
            {
                await connection.ExecuteAsync(tx, """
                    INSERT INTO measurements (indicator_id, period, theme, value, source, recorded_at, revision) VALUES ($i, $p, $t, $v, $s, $at, $r)
                    """, ct, ("$i", m.IndicatorId), ("$p", m.Period), ("$t", m.Theme), ("$v", m.Value), ("$s", m.Source),
                    ("$at", m.RecordedAt.ToString("O", CultureInfo.InvariantCulture)), ("$r", m.Revision));
            }

            return outcome;
        }, ct);

    private static PlanRecord ReadPlan(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), JsonSerializer.Deserialize<ActionPlanOutline>(r.GetString(2), KernelJson.Options)!);

    private static ActionRecord ReadAction(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt64(6));

    private static MeasurementRecord ReadMeasurement(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetString(4), DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture), r.GetInt64(6));

    private static Task<int> UpsertActionAsync(SqliteConnection connection, SqliteTransaction tx, ActionRecord action, CancellationToken ct) =>
        connection.ExecuteAsync(tx, """
            INSERT INTO actions (id, theme, plan_number, status, rag, commentary, revision) VALUES ($id, $t, $n, $s, $rag, $c, $r)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, rag = excluded.rag, commentary = excluded.commentary, revision = excluded.revision
            WHERE excluded.revision > actions.revision
            """, ct, ("$id", action.Id), ("$t", action.Theme), ("$n", action.PlanNumber), ("$s", action.Status), ("$rag", action.Rag), ("$c", action.Commentary), ("$r", action.Revision));
}
