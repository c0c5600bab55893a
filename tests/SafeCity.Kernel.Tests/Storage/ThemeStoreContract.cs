using System.Text.Json;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Tests.Storage;

/// <summary>
/// What every theme store must do, whatever holds the data. Each backend runs these tests through a
/// subclass; a backend that cannot be reached here reports them skipped, with the reason.
/// </summary>
public abstract class ThemeStoreContract
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A new, empty store of the backend under test (skipping the test when the backend is unreachable).</summary>
    protected abstract Task<IThemeStore> NewStoreAsync();

    protected static ActionPlan SamplePlan(int number = 1) => new()
    {
        Number = number,
        Priority = 1,
        Objective = "a",
        Title = "Reduce alcohol related crime",
        Aims = ["To reduce alcohol related violence in the night time economy"],
        LeadPartner = "Tackling Alcohol Partnership",
        Indicators =
        [
            new PerformanceIndicator
            {
                Id = $"P{number}.I1",
                Name = "Assault presentations 18:00–09:00",
                Category = "LAA Stretch",
                Unit = IndicatorUnit.Count,
                Baseline = new Baseline("1,338", 1338, null, "2007/08", "column header") { Series = [new BaselineFigure("2005/06", null, null, 27)] },
                Targets = [new YearTarget("2008/09", "Reduce by .75%", 0.75, "% reduction")],
            },
        ],
        Actions =
        [
            new PlanAction { Id = $"P{number}.A1", PlanNumber = number, Theme = "Enforcement", Description = "Head cameras in the night time economy", Responsible = "Police and SCC" },
            new PlanAction { Id = $"P{number}.A2", PlanNumber = number, Description = "Cumulative Impact Policy", Bullets = ["one", "two"] },
        ],
    };

    protected static OutboxMessage Event(string what) => OutboxMessage.For(new { What = what }, Guid.NewGuid(), DateTimeOffset.UtcNow);

    protected static Measurement Measured(string period, double value) =>
        new() { IndicatorId = "P1.I1", Period = period, Value = value, Source = MeasurementSources.Entered, RecordedAt = DateTimeOffset.UtcNow, RecordedBy = "officer" };

    [SkippableFact]
    public async Task A_plan_is_stored_with_its_indicators_and_actions_in_order()
    {
        var store = await NewStoreAsync();
        var plan = SamplePlan();

        Assert.True(await store.AddActionPlanAsync(plan, _ => Event("published"), Ct));

        var stored = Assert.Single(await store.GetActionPlansAsync(Ct));
        Assert.Equal(JsonSerializer.Serialize(plan, KernelJson.Options), JsonSerializer.Serialize(stored, KernelJson.Options));
        Assert.Equal(JsonSerializer.Serialize(plan, KernelJson.Options), JsonSerializer.Serialize(await store.GetActionPlanAsync(1, Ct), KernelJson.Options));
        Assert.Null(await store.GetActionPlanAsync(2, Ct));
    }

    [SkippableFact]
    public async Task Adding_a_plan_that_is_there_changes_nothing()
    {
        var store = await NewStoreAsync();
        await store.AddActionPlanAsync(SamplePlan(), _ => Event("first"), Ct);

        Assert.False(await store.AddActionPlanAsync(SamplePlan() with { Title = "Another title" }, _ => Event("second"), Ct));

        Assert.Equal("Reduce alcohol related crime", (await store.GetActionPlanAsync(1, Ct))!.Title);
        Assert.Single(await store.GetUndispatchedAsync(100, Ct));
    }

    [SkippableFact]
    public async Task Updating_an_action_raises_its_revision_and_writes_its_event()
    {
        var store = await NewStoreAsync();
        await store.AddActionPlanAsync(SamplePlan(), _ => Event("published"), Ct);
        var action = (await store.GetActionAsync("P1.A1", Ct))!;

        var stored = await store.UpdateActionAsync(action with { Status = ActionStatus.InProgress, Rag = Rag.Amber, Commentary = "Cameras bought" }, action.Revision,
            a => Event($"changed to revision {a.Revision}"), Ct);

        Assert.Equal(2, stored.Revision);
        var reread = (await store.GetActionAsync("P1.A1", Ct))!;
        Assert.Equal((ActionStatus.InProgress, Rag.Amber, "Cameras bought", 2L), (reread.Status, reread.Rag, reread.Commentary, reread.Revision));
        Assert.Contains("changed to revision 2", (await store.GetUndispatchedAsync(100, Ct))[^1].Payload);
    }

    [SkippableFact]
    public async Task A_stale_update_is_refused_and_writes_nothing()
    {
        var store = await NewStoreAsync();
        await store.AddActionPlanAsync(SamplePlan(), _ => Event("published"), Ct);
        var action = (await store.GetActionAsync("P1.A1", Ct))!;
        await store.UpdateActionAsync(action with { Rag = Rag.Green }, action.Revision, _ => Event("first"), Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.UpdateActionAsync(action with { Rag = Rag.Red }, action.Revision, _ => Event("stale"), Ct));

        Assert.Equal(Rag.Green, (await store.GetActionAsync("P1.A1", Ct))!.Rag);
        Assert.Equal(2, (await store.GetUndispatchedAsync(100, Ct)).Count);
    }

    [SkippableFact]
    public async Task A_changed_plan_structure_adds_new_actions_keeps_the_state_of_held_ones_and_refuses_a_stale_change()
    {
        var store = await NewStoreAsync();
        await store.AddActionPlanAsync(SamplePlan(), _ => Event("published"), Ct);
        var first = (await store.GetActionAsync("P1.A1", Ct))!;
        await store.UpdateActionAsync(first with { Rag = Rag.Red }, first.Revision, _ => Event("red"), Ct);
        var plan = (await store.GetActionPlanAsync(1, Ct))!;

        var saved = await store.SavePlanStructureAsync(plan with
        {
            Title = "Reduce alcohol related crime and disorder",
            Actions = [.. plan.Actions.Select(a => a with { Rag = Rag.Green }), new PlanAction { Id = "P1.A3", PlanNumber = 1, Description = "Street pastors" }],
        }, plan.Revision, p => Event($"plan revision {p.Revision}"), Ct);

        Assert.Equal(2, saved.Revision);
        Assert.Equal(["P1.A1", "P1.A2", "P1.A3"], saved.Actions.Select(a => a.Id));
        Assert.Equal(Rag.Red, saved.Actions[0].Rag);
        Assert.Equal("Reduce alcohol related crime and disorder", (await store.GetActionPlanAsync(1, Ct))!.Title);
        Assert.Contains("plan revision 2", (await store.GetUndispatchedAsync(100, Ct))[^1].Payload);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SavePlanStructureAsync(plan, plan.Revision, _ => Event("stale"), Ct));
        Assert.Equal(3, (await store.GetActionPlanAsync(1, Ct))!.Actions.Count);
    }

    [SkippableFact]
    public async Task Recording_a_period_again_replaces_its_value_with_the_next_revision()
    {
        var store = await NewStoreAsync();
        await store.AddActionPlanAsync(SamplePlan(), _ => Event("published"), Ct);

        await store.RecordMeasurementAsync(Measured("2008-04", 120), _ => Event("april"), Ct);
        await store.RecordMeasurementAsync(Measured("2008-05", 101), _ => Event("may"), Ct);
        var again = await store.RecordMeasurementAsync(Measured("2008-04", 118), _ => Event("april again"), Ct);

        Assert.Equal(2, again.Revision);
        var values = (await store.GetMeasurementsAsync("P1.I1", Ct)).OrderBy(m => m.Period).ToList();
        Assert.Equal([("2008-04", 118.0, 2L), ("2008-05", 101.0, 1L)], values.Select(m => (m.Period, m.Value, m.Revision)));
        Assert.Equal(2, (await store.GetAllMeasurementsAsync(Ct)).Count);
        Assert.Empty(await store.GetMeasurementsAsync("P9.I9", Ct));
        // One period by its key: the latest revision, and nothing for a period or indicator not held.
        Assert.Equal(("2008-04", 118.0, 2L), (await store.GetMeasurementAsync("P1.I1", "2008-04", Ct)) is { } one ? (one.Period, one.Value, one.Revision) : default);
        Assert.Null(await store.GetMeasurementAsync("P1.I1", "2008-06", Ct));
        Assert.Null(await store.GetMeasurementAsync("P9.I9", "2008-04", Ct));
    }

    [SkippableFact]
    public async Task When_building_the_event_fails_the_change_is_not_kept()
    {
        var store = await NewStoreAsync();
        await store.AddActionPlanAsync(SamplePlan(), _ => Event("published"), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.RecordMeasurementAsync(Measured("2008-04", 120), _ => throw new InvalidOperationException("no event"), Ct));
        var action = (await store.GetActionAsync("P1.A1", Ct))!;
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.UpdateActionAsync(action with { Rag = Rag.Red }, action.Revision, _ => throw new InvalidOperationException("no event"), Ct));

        Assert.Empty(await store.GetAllMeasurementsAsync(Ct));
        Assert.Equal((Rag.NotRated, 1L), ((await store.GetActionAsync("P1.A1", Ct))!.Rag, (await store.GetActionAsync("P1.A1", Ct))!.Revision));
        Assert.Single(await store.GetUndispatchedAsync(100, Ct));
    }

    [SkippableFact]
    public async Task A_change_keeps_its_audit_entry_and_a_refused_one_keeps_none()
    {
        var store = await NewStoreAsync();
        await store.AddActionPlanAsync(SamplePlan(), _ => Event("published"), Ct);
        var action = (await store.GetActionAsync("P1.A1", Ct))!;
        var at = DateTimeOffset.UtcNow;

        await store.UpdateActionAsync(action with { Rag = Rag.Amber }, action.Revision,
            a => new Audit.Change(Event("changed"), Audit.AuditEntry.Of(at, "officer@tap", "Update action", a.Id, action, a)), Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateActionAsync(action with { Rag = Rag.Red }, action.Revision,
            a => new Audit.Change(Event("stale"), Audit.AuditEntry.Of(at, "officer@tap", "Update action", a.Id, action, a)), Ct));

        var entry = Assert.Single(await store.ReadAsync(at.AddMinutes(-1), at.AddMinutes(1), 10, Ct));
        Assert.Equal(("officer@tap", "Update action", "P1.A1"), (entry.Actor, entry.Action, entry.Subject));
        Assert.Contains("\"rag\":\"NotRated\"", entry.Before);
        Assert.Contains("\"rag\":\"Amber\"", entry.After);
    }

    [SkippableFact]
    public async Task The_outbox_gives_events_in_the_order_written_until_each_is_marked_dispatched()
    {
        var store = await NewStoreAsync();
        await store.AddActionPlanAsync(SamplePlan(1), _ => Event("one"), Ct);
        await store.AddActionPlanAsync(SamplePlan(2), _ => Event("two"), Ct);
        await store.AddActionPlanAsync(SamplePlan(3), _ => Event("three"), Ct);

        var pending = await store.GetUndispatchedAsync(100, Ct);
        Assert.Equal(["one", "two", "three"], pending.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("what").GetString()));
        Assert.True(pending[0].Sequence < pending[1].Sequence && pending[1].Sequence < pending[2].Sequence);

        await store.RecordDispatchFailureAsync(pending[0].Sequence, "broker unreachable", Ct);
        await store.MarkDispatchedAsync(pending[1].Sequence, DateTimeOffset.UtcNow, Ct);

        var left = await store.GetUndispatchedAsync(100, Ct);
        Assert.Equal([pending[0].Sequence, pending[2].Sequence], left.Select(m => m.Sequence));
        Assert.Equal((1, "broker unreachable"), (left[0].Attempts, left[0].LastError));
        Assert.Single(await store.GetUndispatchedAsync(1, Ct));
    }
}
