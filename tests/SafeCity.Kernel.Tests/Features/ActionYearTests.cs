using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Seed;
using SafeCity.Kernel.Tests.Services;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Features;

/// <summary>Actions have due dates (the plan's own timings where it gives them), are overdue once past them, and are carried into the next year at its end.</summary>
public sealed class ActionYearTests : IDisposable
{
    // The officers work in 2008: what they change on a day is how the plan stood from that day.
    private readonly MovableClock _clock = new(new DateTimeOffset(2008, 6, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly AlcoholServiceFactory _factory;

    public ActionYearTests() => _factory = new AlcoholServiceFactory { Clock = _clock };

    private static JsonElement Action(JsonElement plan, string id) =>
        plan.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);

    [Fact]
    public async Task The_plans_own_timings_are_its_actions_due_dates_and_the_rest_are_due_by_the_business_plan_years_end()
    {
        var plan = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/alcohol/plans/2");

        var q3 = Action(plan, "P2.A6");
        Assert.Equal(("2008-12-31", "In plan for Q3 (funding agreed)"), (q3.GetProperty("dueDate").GetString(), q3.GetProperty("dueAsWritten").GetString()));
        Assert.Contains("line 3164", q3.GetProperty("dueSource").GetString());
        var other = Action(plan, "P2.A1");
        Assert.Equal("2009-03-31", other.GetProperty("dueDate").GetString());
        Assert.Contains("Paragraph 81", other.GetProperty("dueSource").GetString());
        Assert.Equal("2008/09", plan.GetProperty("year").GetString());
    }

    [Fact]
    public void An_actions_answer_carries_its_milestones_each_passed_or_not_and_why_a_placeholder_is_never_due()
    {
        var p6a2 = ActionPlanSeed.ReadFrom(typeof(AcquisitiveCrime.AcquisitiveCrimeTheme).Assembly).SelectMany(p => p.Actions).Single(a => a.Id == "P6.A2");
        var p11a3 = ActionPlanSeed.ReadFrom(typeof(Youth.YouthTheme).Assembly).SelectMany(p => p.Actions).Single(a => a.Id == "P11.A3");

        var action = JsonSerializer.SerializeToElement(ActionDto.From(p6a2, new DateOnly(2008, 10, 1)), JsonSerializerOptions.Web);
        var milestone = Assert.Single(action.GetProperty("milestones").EnumerateArray());
        Assert.Equal(("2008-09-30", "Review current selection matrix", true), (milestone.GetProperty("date").GetString(), milestone.GetProperty("what").GetString(), milestone.GetProperty("passed").GetBoolean()));
        Assert.Equal(("2009-03-31", false), (action.GetProperty("dueDate").GetString(), action.GetProperty("overdue").GetBoolean()));
        Assert.False(ActionDto.From(p6a2, new DateOnly(2008, 9, 30)).Milestones[0].Passed);

        var placeholder = JsonSerializer.SerializeToElement(ActionDto.From(p11a3, new DateOnly(2026, 12, 7)), JsonSerializerOptions.Web);
        Assert.Equal(JsonValueKind.Null, placeholder.GetProperty("dueDate").ValueKind);
        Assert.False(placeholder.GetProperty("overdue").GetBoolean());
        Assert.StartsWith("A placeholder row in the plan", placeholder.GetProperty("neverDue").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_past_its_due_date_and_not_completed_is_overdue_as_at_the_date_asked()
    {
        var client = _factory.CreateClient();
        var updated = await client.PutAsJsonAsync("/api/alcohol/actions/P1.A3", new { status = "InProgress", rag = "Green", dueDate = "2008-06-30" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("2008-06-30", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dueDate").GetString());

        Assert.False(Action(await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1"), "P1.A3").GetProperty("overdue").GetBoolean());
        Assert.False(Action(await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1?asAt=2008-06-30"), "P1.A3").GetProperty("overdue").GetBoolean());
        Assert.True(Action(await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1?asAt=2008-07-01"), "P1.A3").GetProperty("overdue").GetBoolean());
        // Before it was given its date (2 June 2008) it was due by the year's end, and not overdue.
        Assert.Equal("2009-03-31", Action(await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1?asAt=2008-06-01"), "P1.A3").GetProperty("dueDate").GetString());

        _clock.Now = new DateTimeOffset(2008, 7, 15, 9, 0, 0, TimeSpan.Zero);
        Assert.True(Action(await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1"), "P1.A3").GetProperty("overdue").GetBoolean());
        await client.PutAsJsonAsync("/api/alcohol/actions/P1.A3", new { status = "Completed", rag = "Green" });
        var completed = Action(await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1"), "P1.A3");
        Assert.False(completed.GetProperty("overdue").GetBoolean());
        Assert.Equal("2008-06-30", completed.GetProperty("dueDate").GetString());
        Assert.True(Action(await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1?asAt=2008-07-10"), "P1.A3").GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task A_quarter_is_a_due_date_and_an_unreadable_one_is_refused_naming_the_field()
    {
        var client = _factory.CreateClient();

        var quarter = await client.PutAsJsonAsync("/api/alcohol/actions/P1.A4", new { status = "InProgress", rag = "Green", dueDate = "2008/09 Q3" });
        var refused = await client.PutAsJsonAsync("/api/alcohol/actions/P1.A4", new { status = "InProgress", rag = "Green", dueDate = "next spring" });

        Assert.Equal("2008-12-31", (await quarter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dueDate").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("DueDate", out _));
    }

    [Fact]
    public async Task A_plan_as_at_a_past_date_shows_its_actions_as_they_stood_then()
    {
        var client = _factory.CreateClient();
        await client.PutAsJsonAsync("/api/alcohol/actions/P1.A5", new { status = "Delayed", rag = "Red" });

        var then = Action(await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1?asAt=2008-06-01"), "P1.A5");
        var now = Action(await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1"), "P1.A5");

        Assert.Equal(("NotStarted", "NotRated"), (then.GetProperty("status").GetString(), then.GetProperty("rag").GetString()));
        Assert.Equal(("Delayed", "Red"), (now.GetProperty("status").GetString(), now.GetProperty("rag").GetString()));
    }

    [Fact]
    public async Task At_the_years_end_a_plan_is_carried_forward_with_each_open_action_decided_and_the_new_years_targets()
    {
        var client = _factory.CreateClient();
        var plan = await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/2");
        var ids = plan.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
        await client.PutAsJsonAsync($"/api/alcohol/actions/{ids[0]}", new { status = "Completed", rag = "Green" });

        var undecided = await client.PostAsJsonAsync("/api/alcohol/plans/2/roll-forward", new { fromYear = "2008/09", actions = new Dictionary<string, string>(), reason = "Year end" });
        Assert.Equal(HttpStatusCode.BadRequest, undecided.StatusCode);
        var missing = (await undecided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(ids.Skip(1).Select(id => "actions." + id), missing.Where(m => m.StartsWith("actions.", StringComparison.Ordinal)));

        var decisions = ids.Skip(1).ToDictionary(id => id, id => id == ids[1] ? "retired" : "carriedOver");
        var rolled = await client.PostAsJsonAsync("/api/alcohol/plans/2/roll-forward", new
        {
            fromYear = "2008/09",
            actions = decisions,
            dueDates = new Dictionary<string, string> { [ids[2]] = "2009/10 Q2" },
            targets = new[] { new { indicatorId = "P2.I1", value = 800.0 } },
            reason = "Year end 2008/09",
        });

        Assert.Equal(HttpStatusCode.OK, rolled.StatusCode);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/2");
        Assert.Equal("2009/10", after.GetProperty("year").GetString());
        Assert.Equal(("Completed", "2008/09"), (Action(after, ids[0]).GetProperty("status").GetString(), Action(after, ids[0]).GetProperty("year").GetString()));
        Assert.Equal("Retired", Action(after, ids[1]).GetProperty("status").GetString());
        Assert.Equal(("2009/10", "2009-09-30"), (Action(after, ids[2]).GetProperty("year").GetString(), Action(after, ids[2]).GetProperty("dueDate").GetString()));
        Assert.Equal("2010-03-31", Action(after, ids[3]).GetProperty("dueDate").GetString());
        var target = after.GetProperty("indicators")[0].GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("year").GetString() == "2009/10");
        Assert.Equal(("Year end 2008/09", 800.0), (target.GetProperty("source").GetProperty("reason").GetString(), target.GetProperty("value").GetDouble()));

        var again = await client.PostAsJsonAsync("/api/alcohol/plans/2/roll-forward", new { fromYear = "2008/09", actions = decisions, reason = "Year end 2008/09" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_placeholder_carried_into_the_next_year_stays_never_due_unless_it_is_given_a_date()
    {
        using var youth = new ThemeServiceFactory<Youth.YouthTheme> { Clock = _clock };
        using var asbArson = new ThemeServiceFactory<AsbArson.AsbArsonTheme> { Clock = _clock };

        async Task<JsonElement> CarriedOverAsync(HttpClient client, string theme, int plan, string placeholder, string? due)
        {
            var ids = (await client.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans/{plan}")).GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!);
            var rolled = await client.PostAsJsonAsync($"/api/{theme}/plans/{plan}/roll-forward", new
            {
                fromYear = "2008/09",
                actions = ids.ToDictionary(id => id, _ => "carriedOver"),
                dueDates = due is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [placeholder] = due },
                reason = "Year end 2008/09",
            });
            Assert.Equal(HttpStatusCode.OK, rolled.StatusCode);
            return Action(await client.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans/{plan}"), placeholder);
        }

        var kept = await CarriedOverAsync(youth.CreateClient(), "youth", 11, "P11.A3", null);
        Assert.Equal((JsonValueKind.Null, "2009/10"), (kept.GetProperty("dueDate").ValueKind, kept.GetProperty("year").GetString()));
        Assert.StartsWith("A placeholder row in the plan", kept.GetProperty("neverDue").GetString(), StringComparison.Ordinal);

        var given = await CarriedOverAsync(asbArson.CreateClient(), "asb-arson", 15, "P15.A8", "2009/10 Q2");
        Assert.Equal(("2009-09-30", JsonValueKind.Null), (given.GetProperty("dueDate").GetString(), given.GetProperty("neverDue").ValueKind));
    }

    public void Dispose() => _factory.Dispose();
}
