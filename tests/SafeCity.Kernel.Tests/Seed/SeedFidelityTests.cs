using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SafeCity.Alcohol;
using SafeCity.Communities;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Seed;
using SafeCity.Kernel.Storage;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Testing;
using SafeCity.Youth;

namespace SafeCity.Kernel.Tests.Seed;

/// <summary>Every theme's plans, imported into its store and read back, are the extraction's plans, field by field.</summary>
public class SeedFidelityTests
{
    public static IReadOnlyList<ThemeDefinition> Themes => ThemeDefinitions.All;

    public static TheoryData<string> ThemeSlugs => new(Themes.Select(t => t.Slug));

    private static ThemeDefinition Theme(string slug) => Themes.Single(t => t.Slug == slug);

    /// <summary>A theme's store in a folder of the test's own, and the import that seeds it.</summary>
    private static (SqliteThemeStore Store, SeedImport Import) StoreAndImport(TempDirectory dir, ThemeDefinition theme)
    {
        var store = new SqliteThemeStore(new SqliteDatabase(Path.Combine(dir.Path, theme.Slug + ".db")));
        return (store, new SeedImport(store, theme, TimeProvider.System, NullLogger<SeedImport>.Instance));
    }

    private static JsonArray SeedOf(ThemeDefinition theme) =>
        JsonNode.Parse(ActionPlanSeed.EmbeddedText(theme.Assembly, ActionPlanSeed.PlansResource)!)!.AsArray();

    [Theory]
    [MemberData(nameof(ThemeSlugs))]
    public async Task The_seed_import_reproduces_the_themes_plans_exactly(string slug)
    {
        var theme = Theme(slug);
        using var dir = new TempDirectory();
        var (store, import) = StoreAndImport(dir, theme);

        await import.StartAsync(CancellationToken.None);
        var stored = await store.GetActionPlansAsync(CancellationToken.None);

        var expected = SeedOf(theme);
        var profiles = JsonNode.Parse(ActionPlanSeed.EmbeddedText(theme.Assembly, ActionPlanSeed.ProfilesResource) ?? "{}")!.AsObject();
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(stored, p => Assert.Equal(theme.Priority, p.Priority));
        for (var i = 0; i < expected.Count; i++)
        {
            AssertSamePlan(expected[i]!.AsObject(), stored[i], profiles);
        }
    }

    [Fact]
    public void The_seven_themes_hold_all_19_plans_92_indicators_and_139_actions()
    {
        var plans = Themes.SelectMany(t => ActionPlanSeed.ReadFrom(t.Assembly)).ToList();

        Assert.Equal(Enumerable.Range(1, 19), plans.Select(p => p.Number).Order());
        Assert.Equal(92, plans.Sum(p => p.Indicators.Count));
        Assert.Equal(139, plans.Sum(p => p.Actions.Count));
        Assert.Equal(7, Themes.Select(t => t.Priority).Distinct().Count());
    }

    [Fact]
    public async Task A_later_start_changes_nothing()
    {
        using var dir = new TempDirectory();
        var (store, import) = StoreAndImport(dir, AlcoholTheme.Definition);
        await import.StartAsync(CancellationToken.None);
        var first = await store.GetActionPlansAsync(CancellationToken.None);
        var action = first[0].Actions[0];
        await store.UpdateActionAsync(action with { Status = ActionStatus.Completed }, action.Revision, a => OutboxMessage.For(new { a.Id }, Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None);
        var eventsBefore = (await store.GetUndispatchedAsync(1000, CancellationToken.None)).Count;

        await import.StartAsync(CancellationToken.None);

        var again = await store.GetActionPlansAsync(CancellationToken.None);
        Assert.Equal(ActionStatus.Completed, again[0].Actions[0].Status);
        Assert.Equal(JsonSerializer.Serialize(first.Select(p => p.Indicators)), JsonSerializer.Serialize(again.Select(p => p.Indicators)));
        Assert.Equal(eventsBefore, (await store.GetUndispatchedAsync(1000, CancellationToken.None)).Count);
        Assert.Equal(3, eventsBefore);
    }

    [Fact]
    public async Task A_profile_the_seed_has_since_corrected_is_corrected_in_a_store_that_holds_the_old_one()
    {
        using var dir = new TempDirectory();
        var (store, import) = StoreAndImport(dir, CommunitiesTheme.Definition);
        await import.StartAsync(CancellationToken.None);
        var plan = (await store.GetActionPlanAsync(18, CancellationToken.None))!;
        var corrected = plan.FindIndicator("P18.I7")!;
        // As the older seed read "Reports of bullying": lower is better, assumed to be a measure of harm.
        var old = plan with
        {
            Indicators = plan.Indicators.Select(i => i.Id == "P18.I7"
                ? i with { Polarity = Polarity.LowerIsBetter, Sources = i.Sources! with { Polarity = new ProfileSource(null, null, "a measure of crime, harm or failure") } }
                : i).ToList(),
        };
        await store.SavePlanStructureAsync(old, plan.Revision, p => OutboxMessage.For(new { p.Number }, Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None);

        await import.StartAsync(CancellationToken.None);

        var upgraded = (await store.GetActionPlanAsync(18, CancellationToken.None))!.FindIndicator("P18.I7")!;
        Assert.Equal(Polarity.HigherIsBetter, upgraded.Polarity);
        Assert.Equal(corrected.Sources, upgraded.Sources);
    }

    [Fact]
    public async Task Due_dates_the_seed_has_since_read_again_are_corrected_and_one_a_person_set_is_kept()
    {
        using var dir = new TempDirectory();
        var (store, import) = StoreAndImport(dir, YouthTheme.Definition);
        await import.StartAsync(CancellationToken.None);
        var plan = (await store.GetActionPlanAsync(11, CancellationToken.None))!;
        var placeholder = plan.Actions.Single(a => a.Id == "P11.A3");
        var other = plan.Actions.Single(a => a.Id == "P11.A1");
        // As the older seed left them: the placeholder due by the Business Plan's year; another action's date set by a person.
        await store.UpdateActionAsync(placeholder with { Due = ActionPlanSeed.BusinessPlanYear, NeverDue = null }, placeholder.Revision, a => OutboxMessage.For(new { a.Id }, Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None);
        var set = new ActionDue(new DateOnly(2008, 7, 31), null, "Set by officer.");
        await store.UpdateActionAsync(other with { Due = set }, other.Revision, a => OutboxMessage.For(new { a.Id }, Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None);

        await import.StartAsync(CancellationToken.None);

        var upgraded = (await store.GetActionPlanAsync(11, CancellationToken.None))!;
        Assert.Null(upgraded.Actions.Single(a => a.Id == "P11.A3").Due);
        Assert.NotNull(upgraded.Actions.Single(a => a.Id == "P11.A3").NeverDue);
        Assert.Equal(set, upgraded.Actions.Single(a => a.Id == "P11.A1").Due);
        // A later start finds nothing more to change.
        var events = (await store.GetUndispatchedAsync(1000, CancellationToken.None)).Count;
        await import.StartAsync(CancellationToken.None);
        Assert.Equal(events, (await store.GetUndispatchedAsync(1000, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_store_imported_from_an_older_seed_gains_what_the_seed_now_says_and_keeps_what_the_partnership_changed()
    {
        using var dir = new TempDirectory();
        var (store, import) = StoreAndImport(dir, AlcoholTheme.Definition);
        await import.StartAsync(CancellationToken.None);
        // As an older seed left it: no sources, no holder, printed targets without their source, actions without due dates.
        var plan = await store.GetActionPlanAsync(1, CancellationToken.None);
        var set = new YearTarget("2009/10", "1,300", 1300, null) { Source = new TargetSource { Kind = TargetSource.Set, By = "officer", Reason = "LAA refresh" } };
        var old = plan! with
        {
            Indicators = plan.Indicators.Select(i => i with
            {
                Sources = null,
                HeldBy = null,
                Targets = [.. i.Targets.Select(t => t with { Source = null }), .. i.Id == "P1.I1" ? new[] { set } : []],
            }).ToList(),
        };
        await store.SavePlanStructureAsync(old, plan.Revision, p => OutboxMessage.For(new { p.Number }, Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None);
        var action = plan.Actions[0];
        await store.UpdateActionAsync(action with { Due = null, Status = ActionStatus.InProgress }, action.Revision, a => OutboxMessage.For(new { a.Id }, Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None);

        await import.StartAsync(CancellationToken.None);

        var upgraded = (await store.GetActionPlanAsync(1, CancellationToken.None))!;
        Assert.All(upgraded.Indicators, i => Assert.NotNull(i.Sources));
        Assert.Equal("violence", upgraded.FindIndicator("P1.I2")!.HeldBy!.Theme);
        var p1 = upgraded.FindIndicator("P1.I1")!;
        Assert.Equal([TargetSource.Printed, TargetSource.Set], p1.Targets.Select(t => t.Source!.Kind));
        Assert.Equal(-0.75, p1.Targets[0].ChangePercent);
        Assert.Equal((ActionStatus.InProgress, ActionPlanSeed.BusinessPlanYear), (upgraded.Actions[0].Status, upgraded.Actions[0].Due));
        var events = (await store.GetUndispatchedAsync(1000, CancellationToken.None)).Count;
        await import.StartAsync(CancellationToken.None);
        Assert.Equal(events, (await store.GetUndispatchedAsync(1000, CancellationToken.None)).Count);
    }

    [SkippableFact]
    public void The_themes_copies_are_the_extraction_in_shared_seed()
    {
        var shared = FindSharedSeed();
        Skip.If(shared is null, "shared/seed/partnership-plan.json is not beside this checkout, so the copies cannot be compared with it here.");

        var extraction = JsonNode.Parse(File.ReadAllText(shared!))!["plans"]!.AsArray();
        var copies = Themes.SelectMany(t => SeedOf(t)).OrderBy(p => (int)p!["number"]!).ToList();

        Assert.Equal(extraction.Count, copies.Count);
        for (var i = 0; i < copies.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(extraction[i], copies[i]), $"Plan {copies[i]!["number"]} differs from the extraction.");
        }
    }

    private static string? FindSharedSeed()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "seed", "partnership-plan.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <param name="profiles">The theme's profiles: a target its row states where its target column does not (P8.I3) is read from there.</param>
    private static void AssertSamePlan(JsonObject json, ActionPlan plan, JsonObject profiles)
    {
        var where = $"plan {plan.Number}";
        Same(json["number"], plan.Number, where);
        Same(json["priority"], plan.Priority, where);
        Same(json["priorityObjective"], plan.Objective, where);
        Same(json["title"], plan.Title, where);
        Same(json["aims"], plan.Aims, where);
        Same(json["leadPartner"], plan.LeadPartner, where);
        Same(json["keyPartnerships"], plan.KeyPartnerships, where);
        Same(json["leadManager"], plan.LeadManager, where);
        Same(json["evidence"], plan.Evidence, where);
        Same(json["investigate"] ?? new JsonArray(), plan.Investigate, where);
        Same(json["aspirational"] ?? new JsonArray(), plan.Aspirational, where);
        Same(json["relatedPlans"] ?? new JsonArray(), plan.RelatedPlans, where);
        Same(json["notes"] ?? new JsonArray(), plan.ExtractionNotes, where);
        Same(json["actionsPreamble"], plan.ActionsPreamble, where);
        Same(json["indicatorColumns"]!["baseline"], plan.BaselineColumn, where);
        Same(json["indicatorColumns"]!["target"], plan.TargetColumn, where);

        var indicators = json["indicators"]!.AsArray();
        Assert.Equal(indicators.Count, plan.Indicators.Count);
        for (var i = 0; i < indicators.Count; i++)
        {
            var expected = indicators[i]!.AsObject();
            var actual = plan.Indicators[i];
            var at = $"{where}, indicator {actual.Id}";
            Assert.Equal(ActionPlanSeed.IndicatorId(plan.Number, i + 1), actual.Id);
            Same(expected["code"], actual.Code, at);
            Same(expected["codeAsWritten"], actual.CodeAsWritten, at);
            Same(expected["otherCode"], actual.OtherCode, at);
            Same(expected["name"], actual.Name, at);
            Same(expected["category"], actual.Category, at);
            Same(expected["label"], actual.Label, at);
            Same(expected["group"], actual.Group, at);
            Same(expected["notes"], actual.Notes, at);
            var baseline = expected["baseline"]!.AsObject();
            Same(baseline["asWritten"], actual.Baseline.AsWritten, at + " baseline");
            Same(baseline["value"], actual.Baseline.Value, at + " baseline");
            Same(baseline["unit"], actual.Baseline.Unit, at + " baseline");
            Same(baseline["period"], actual.Baseline.Period, at + " baseline");
            Same(baseline["periodSource"], actual.Baseline.PeriodSource, at + " baseline");
            Same(baseline["count"], actual.Baseline.Count, at + " baseline");
            var series = baseline["series"]?.AsArray();
            Assert.Equal(series?.Count, actual.Baseline.Series?.Count);
            for (var s = 0; s < (series?.Count ?? 0); s++)
            {
                Same(series![s]!["period"], actual.Baseline.Series![s].Period, at + " series");
                Same(series[s]!["group"], actual.Baseline.Series![s].Group, at + " series");
                Same(series[s]!["type"], actual.Baseline.Series![s].Type, at + " series");
                Same(series[s]!["value"], actual.Baseline.Series![s].Value, at + " series");
            }

            var target = (profiles[actual.Id]?["target"] is JsonObject reading && reading["asWritten"] is not null ? reading : expected["target"])!.AsObject();
            // A target is a figure: a cell of words alone ("TBA", "See note") is kept as the words, with no target.
            var hasTarget = target["value"] is not null || target["withStretch"] is not null;
            Assert.Equal(hasTarget ? 1 : 0, actual.Targets.Count);
            Assert.Equal(hasTarget ? null : target["asWritten"]?.GetValue<string>(), actual.TargetAsPrinted);
            if (hasTarget)
            {
                var t = actual.Targets[0];
                Assert.Equal("2008/09", t.Year);
                Same(target["asWritten"], t.AsWritten, at + " target");
                Same(target["unit"], t.Unit, at + " target");
                // A change ("Reduce by .75%", "5% reduction on the 2007/08 figures") is held as the change on its base year.
                var change = (string?)target["unit"] switch { "% reduction" => -(double?)target["value"], "% increase" => (double?)target["value"], _ => null };
                Same(change is null ? target["value"] : null, t.Value, at + " target");
                Assert.Equal(change, t.ChangePercent);
                Same(target["withStretch"], t.WithStretch, at + " target");
                Same(target["withoutStretch"], t.WithoutStretch, at + " target");
            }
        }

        var actions = json["actions"]!.AsArray();
        Assert.Equal(actions.Count, plan.Actions.Count);
        for (var a = 0; a < actions.Count; a++)
        {
            var expected = actions[a]!.AsObject();
            var actual = plan.Actions[a];
            var at = $"{where}, action {actual.Id}";
            Assert.Equal(ActionPlanSeed.ActionId(plan.Number, a + 1), actual.Id);
            Same(expected["theme"], actual.Theme, at);
            Same(expected["description"], actual.Description, at);
            Same(expected["bullets"], actual.Bullets, at);
            Same(expected["responsible"], actual.Responsible, at);
            Same(expected["resources"], actual.Resources, at);
            Same(expected["note"], actual.Note, at);
            Assert.Equal(ActionStatus.NotStarted, actual.Status);
            Assert.Equal(Rag.NotRated, actual.Rag);
        }
    }

    /// <summary>The JSON value and the stored value are the same (absent and null alike).</summary>
    private static void Same<T>(JsonNode? expected, T actual, string where)
    {
        var expectedJson = expected?.ToJsonString() ?? "null";
        var actualJson = actual is null ? "null" : JsonSerializer.Serialize(actual);
        if (expected is JsonValue v && v.TryGetValue<double>(out var number) && actual is not null)
        {
            Assert.True(Convert.ToDouble(actual, System.Globalization.CultureInfo.InvariantCulture) == number, $"{where}: expected {expectedJson}, stored {actualJson}.");
            return;
        }

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), JsonNode.Parse(actualJson)), $"{where}: expected {expectedJson}, stored {actualJson}.");
    }
}
