using SafeCity.Contracts.Events;
using SafeCity.Governance.ReadModel;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Governance.Tests;

/// <summary>Governance keeps an event only when it is newer than what it holds: redelivery and reordering change nothing.</summary>
public abstract class ReadModelContract
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<IPerformanceReadModel> NewModelAsync();

    public static MeasurementRecorded Measured(double value, long revision, string period = "2008-04") => new()
    {
        EventId = Guid.NewGuid(),
        Theme = "alcohol",
        IndicatorId = "P1.I1",
        Period = period,
        Value = value,
        Source = "entered",
        Revision = revision,
        RecordedAt = DateTimeOffset.UtcNow,
    };

    public static ActionPlanPublished Published(long revision, long actionRevision, string actionRag) => new()
    {
        EventId = Guid.NewGuid(),
        Theme = "alcohol",
        Revision = revision,
        PublishedAt = DateTimeOffset.UtcNow,
        Plan = new ActionPlanOutline
        {
            Number = 1,
            Priority = 1,
            Title = $"Plan 1, revision {revision}",
            Indicators = [new IndicatorOutline { Id = "P1.I1", Name = "Assaults", Category = "LAA", Unit = "Count", Polarity = "LowerIsBetter", Frequency = "Monthly", Targets = [] }],
            Actions = [new ActionOutline { Id = "P1.A1", Description = "Head cameras", Status = "NotStarted", Rag = actionRag, Revision = actionRevision }],
        },
    };

    public static ActionStatusChanged Changed(string rag, long revision) => new()
    {
        EventId = Guid.NewGuid(),
        Theme = "alcohol",
        PlanNumber = 1,
        ActionId = "P1.A1",
        Status = "InProgress",
        Rag = rag,
        Revision = revision,
        ChangedAt = DateTimeOffset.UtcNow,
    };

    [SkippableFact]
    public async Task The_version_moves_with_every_change_and_only_then()
    {
        var model = await NewModelAsync();
        var start = await model.VersionAsync(Ct);

        await model.ApplyAsync(Measured(120, 1), Ct);
        var afterFigure = await model.VersionAsync(Ct);
        await model.ApplyAsync(Measured(120, 1), Ct);
        await model.ApplyAsync(Measured(90, 0), Ct);
        var afterStale = await model.VersionAsync(Ct);
        await model.ApplyAsync(Published(1, 1, "Red"), Ct);
        var afterPlan = await model.VersionAsync(Ct);
        await model.ReplaceAsync(new ReadModelSnapshot([], [], [], []), DateTimeOffset.UtcNow, Ct);

        Assert.True(afterFigure > start);
        Assert.Equal(afterFigure, afterStale);
        Assert.True(afterPlan > afterFigure);
        Assert.True(await model.VersionAsync(Ct) > afterPlan);
    }

    [SkippableFact]
    public async Task An_indicators_figure_version_moves_with_its_own_figures_and_only_then()
    {
        var model = await NewModelAsync();
        Assert.Empty(await model.FigureVersionsAsync(Ct));

        await model.ApplyAsync(Measured(120, 1), Ct);
        var first = (await model.FigureVersionsAsync(Ct))[("alcohol", "P1.I1")];
        await model.ApplyAsync(Measured(120, 1), Ct);
        await model.ApplyAsync(Measured(90, 0), Ct);
        await model.ApplyAsync(Measured(7, 1) with { Theme = "violence" }, Ct);
        await model.ApplyAsync(Published(1, 1, "Red"), Ct);
        await model.ApplyAsync(Changed("Green", 2), Ct);
        var afterOthers = await model.FigureVersionsAsync(Ct);
        await model.ApplyAsync(Measured(99, 2), Ct);
        var afterOwn = (await model.FigureVersionsAsync(Ct))[("alcohol", "P1.I1")];
        await model.ReplaceAsync(new ReadModelSnapshot([], [], [], []), DateTimeOffset.UtcNow.AddMinutes(1), Ct);
        var afterReplace = await model.FigureVersionsAsync(Ct);

        Assert.Equal(first, afterOthers[("alcohol", "P1.I1")]);
        Assert.True(afterOthers.ContainsKey(("violence", "P1.I1")));
        Assert.True(afterOwn > first);
        Assert.True(afterReplace[("alcohol", "P1.I1")] > afterOwn);
        Assert.True(afterReplace[("violence", "P1.I1")] > afterOthers[("violence", "P1.I1")]);
        Assert.Empty(await model.GetMeasurementsAsync("alcohol", "P1.I1", Ct));
    }

    [SkippableFact]
    public async Task One_indicators_figures_are_read_alone()
    {
        var model = await NewModelAsync();
        await model.ApplyAsync(Measured(5, 1), Ct);
        await model.ApplyAsync(Measured(6, 1, "2008-05"), Ct);
        await model.ApplyAsync(Measured(7, 1) with { Theme = "violence" }, Ct);
        await model.ApplyAsync(Measured(8, 1) with { IndicatorId = "P1.I2" }, Ct);

        Assert.Equal([("2008-04", 5.0), ("2008-05", 6.0)], (await model.GetMeasurementsAsync("alcohol", "P1.I1", Ct)).Select(m => (m.Period, m.Value)).Order());
        Assert.Equal([7.0], (await model.GetMeasurementsAsync("violence", "P1.I1", Ct)).Select(m => m.Value));
    }

    [SkippableFact]
    public async Task A_redelivered_measurement_changes_nothing()
    {
        var model = await NewModelAsync();
        var recorded = Measured(120, 1);

        Assert.True(await model.ApplyAsync(recorded, Ct));
        Assert.False(await model.ApplyAsync(recorded, Ct));

        var held = Assert.Single(await model.GetMeasurementsAsync(Ct));
        Assert.Equal((120.0, 1L), (held.Value, held.Revision));
    }

    [SkippableFact]
    public async Task An_older_revision_arriving_late_does_not_overwrite_a_newer_one()
    {
        var model = await NewModelAsync();

        await model.ApplyAsync(Measured(99, 2), Ct);
        Assert.False(await model.ApplyAsync(Measured(120, 1), Ct));
        Assert.True(await model.ApplyAsync(Measured(140, 1, "2008-05"), Ct));

        var held = (await model.GetMeasurementsAsync(Ct)).OrderBy(m => m.Period).ToList();
        Assert.Equal([("2008-04", 99.0), ("2008-05", 140.0)], held.Select(m => (m.Period, m.Value)));
    }

    [SkippableFact]
    public async Task An_action_change_that_overtakes_its_plan_is_kept_when_the_plan_arrives()
    {
        var model = await NewModelAsync();

        Assert.True(await model.ApplyAsync(Changed("Red", 2), Ct));
        Assert.True(await model.ApplyAsync(Published(1, 1, "NotRated"), Ct));
        Assert.False(await model.ApplyAsync(Changed("Red", 2), Ct));

        var action = Assert.Single(await model.GetActionsAsync(Ct));
        Assert.Equal(("Red", 2L), (action.Rag, action.Revision));
        Assert.Equal("Plan 1, revision 1", Assert.Single(await model.GetPlansAsync(Ct)).Plan.Title);
    }

    [SkippableFact]
    public async Task A_plan_is_replaced_only_by_a_newer_revision()
    {
        var model = await NewModelAsync();

        await model.ApplyAsync(Published(2, 1, "NotRated"), Ct);
        Assert.False(await model.ApplyAsync(Published(1, 1, "NotRated"), Ct));

        Assert.Equal(2, Assert.Single(await model.GetPlansAsync(Ct)).Revision);
    }

    [SkippableFact]
    public async Task Two_themes_plans_actions_and_figures_with_the_same_numbers_are_kept_apart()
    {
        // Each theme numbers the plans it adds from 20: alcohol's plan 20 is not violence's.
        var model = await NewModelAsync();
        await model.ApplyAsync(Published(1, 1, "Red"), Ct);
        await model.ApplyAsync(Published(1, 1, "Green") with { Theme = "violence" }, Ct);
        await model.ApplyAsync(Measured(5, 1), Ct);
        await model.ApplyAsync(Measured(7, 1) with { Theme = "violence" }, Ct);

        Assert.Equal(["alcohol", "violence"], (await model.GetPlansAsync(Ct)).Select(p => p.Theme).Order(StringComparer.Ordinal));
        Assert.Equal([("alcohol", "Red"), ("violence", "Green")], (await model.GetActionsAsync(Ct)).Select(a => (a.Theme, a.Rag)).Order());
        Assert.Equal([("alcohol", 5.0), ("violence", 7.0)], (await model.GetMeasurementsAsync(Ct)).Select(m => (m.Theme, m.Value)).Order());
    }

    [SkippableFact]
    public async Task Replacing_with_a_rebuilt_model_leaves_it_equal_to_the_rebuild()
    {
        var model = await NewModelAsync();
        await model.ApplyAsync(Published(1, 1, "Red"), Ct);
        await model.ApplyAsync(Measured(5, 1), Ct);
        await model.ApplyAsync(Measured(6, 1, "2007-04") with { RecordedAt = DateTimeOffset.UnixEpoch }, Ct);
        var fresh = new InMemoryPerformanceReadModel();
        await fresh.ApplyAsync(Published(2, 3, "Green"), Ct);
        await fresh.ApplyAsync(Measured(9, 2), Ct);
        var rebuilt = await ReadModelSnapshot.TakeAsync(fresh, Ct);

        var outcome = await model.ReplaceAsync(rebuilt, DateTimeOffset.UtcNow, Ct);

        Assert.Equal((0, 3, 0, 1), (outcome.Restored, outcome.Corrected, outcome.KeptNewer, outcome.Removed));
        Assert.Empty((await ReadModelSnapshot.TakeAsync(model, Ct)).DifferencesFrom(rebuilt));
    }
}

public sealed class InMemoryReadModelTests : ReadModelContract
{
    protected override Task<IPerformanceReadModel> NewModelAsync() => Task.FromResult<IPerformanceReadModel>(new InMemoryPerformanceReadModel());
}

public sealed class SqliteReadModelTests : ReadModelContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<IPerformanceReadModel> NewModelAsync()
    {
        var model = new SqlitePerformanceReadModel(new SqliteDatabase(Path.Combine(_dir.Path, Guid.NewGuid() + ".db")));
        await model.InitializeAsync(Ct);
        return model;
    }

    [Fact]
    public async Task A_model_kept_before_figure_versions_gives_every_indicator_with_figures_one()
    {
        var database = new SqliteDatabase(Path.Combine(_dir.Path, "older.db"));
        var model = new SqlitePerformanceReadModel(database);
        await model.InitializeAsync(Ct);
        await model.ApplyAsync(Measured(5, 1), Ct);
        await database.WriteAsync((connection, tx) => connection.ExecuteAsync(tx, "DROP TABLE figure_versions; DROP TABLE schema_migrations;", Ct), Ct);

        await model.InitializeAsync(Ct);

        Assert.Equal([("alcohol", "P1.I1")], (await model.FigureVersionsAsync(Ct)).Keys);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

public sealed class MongoReadModelTests : ReadModelContract, IDisposable
{
    private readonly MongoTestServer _server = new();

    protected override async Task<IPerformanceReadModel> NewModelAsync()
    {
        var model = new MongoPerformanceReadModel(_server.NewDatabase());
        await model.InitializeAsync(Ct);
        return model;
    }

    public void Dispose() => _server.Dispose();
}
