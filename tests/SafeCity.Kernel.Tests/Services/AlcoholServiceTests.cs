using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Contracts.Themes;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Services;

public sealed class AlcoholServiceTests : IDisposable
{
    private readonly AlcoholServiceFactory _factory = new();

    [Fact]
    public async Task The_theme_lists_plans_1_and_2_with_their_indicators_and_actions()
    {
        var plans = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/alcohol/plans");

        Assert.Equal([1, 2], plans.EnumerateArray().Select(p => p.GetProperty("number").GetInt32()));
        Assert.Equal(7, plans[0].GetProperty("indicators").GetArrayLength());
        Assert.Equal(28, plans[0].GetProperty("actions").GetArrayLength());
        Assert.Equal("Tackling Alcohol Partnership", plans[0].GetProperty("leadPartner").GetString());
    }

    [Fact]
    public async Task Recording_a_value_far_above_target_turns_the_indicator_and_its_plan_red()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/alcohol/indicators/P1.I1/measurements", new { period = "2008-04", value = 160 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var plan = await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1");
        var indicator = plan.GetProperty("indicators")[0];
        Assert.Equal("Red", indicator.GetProperty("rag").GetString());
        Assert.Equal(1327.965 / 12, indicator.GetProperty("target").GetDouble(), 6);
        Assert.Equal("Red", plan.GetProperty("rag").GetString());
    }

    [Fact]
    public async Task Updating_an_action_keeps_its_status_RAG_and_commentary()
    {
        var client = _factory.CreateClient();

        var response = await client.PutAsJsonAsync("/api/alcohol/actions/P1.A3", new { status = "InProgress", rag = "Amber", commentary = "Hot spots agreed with the police" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var action = (await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1")).GetProperty("actions")[2];
        Assert.Equal(("P1.A3", "InProgress", "Amber", "Hot spots agreed with the police", 2),
            (action.GetProperty("id").GetString(), action.GetProperty("status").GetString(), action.GetProperty("rag").GetString(), action.GetProperty("commentary").GetString(), action.GetProperty("revision").GetInt32()));
    }

    [Fact]
    public async Task An_action_keeps_its_owner_until_changed_and_a_too_long_owner_is_refused_without_echo()
    {
        var client = _factory.CreateClient();

        var owned = await client.PutAsJsonAsync("/api/alcohol/actions/P1.A4", new { status = "InProgress", rag = "Green", owner = "sam.licensing" });
        Assert.Equal(HttpStatusCode.OK, owned.StatusCode);
        // An update that does not name an owner keeps the one held.
        await client.PutAsJsonAsync("/api/alcohol/actions/P1.A4", new { status = "Completed", rag = "Green" });
        var action = (await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1")).GetProperty("actions")[3];
        Assert.Equal(("P1.A4", "sam.licensing", "Completed"), (action.GetProperty("id").GetString(), action.GetProperty("owner").GetString(), action.GetProperty("status").GetString()));

        var tooLong = new string('x', 101);
        var refused = await client.PutAsJsonAsync("/api/alcohol/actions/P1.A4", new { status = "Completed", rag = "Green", owner = tooLong });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("100 characters", text, StringComparison.Ordinal);
        Assert.DoesNotContain(tooLong, text, StringComparison.Ordinal);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Owner", out _));

        // "" leaves it without an owner.
        await client.PutAsJsonAsync("/api/alcohol/actions/P1.A4", new { status = "Completed", rag = "Green", owner = "" });
        action = (await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1")).GetProperty("actions")[3];
        Assert.False(action.TryGetProperty("owner", out var owner) && owner.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task An_officer_of_another_theme_is_refused_by_the_endpoints_policy_with_who_may_and_nothing_is_changed()
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/alcohol/actions/P1.A6")
        {
            Content = JsonContent.Create(new { status = "Completed", rag = "Green" }),
        };
        request.Headers.Add(SafeCity.Contracts.Identity.PlatformTokens.Header, TestIdentity.Person("alcohol", "sam", ["officer:drugs"]));

        var refused = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(SafeCity.Kernel.Access.ThemeAccess.RefusalMessage, problem.GetProperty("detail").GetString());
        var action = (await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1")).GetProperty("actions")[5];
        Assert.Equal(("P1.A6", "NotStarted"), (action.GetProperty("id").GetString(), action.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("{\"period\":\"April 2008\",\"value\":5}", "Period")]
    [InlineData("{\"period\":\"2008-04\",\"value\":-5}", "Value")]
    [InlineData("{\"period\":\"2008-04\",\"value\":5.5}", "Value")]
    [InlineData("{\"period\":\"2008-04\"}", "Value")]
    [InlineData("{\"period\":\"2099-04\",\"value\":5}", "Period")]
    public async Task A_bad_measurement_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsync("/api/alcohol/indicators/P1.I1/measurements", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"No error for {field}: {problem}");
        Assert.NotEmpty(messages[0].GetString()!);
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/alcohol/indicators/P1.I1/measurements") ?? []);
    }

    [Fact]
    public async Task A_bad_action_update_is_refused_naming_the_field_and_the_action_is_unchanged()
    {
        var client = _factory.CreateClient();

        var response = await client.PutAsJsonAsync("/api/alcohol/actions/P1.A1", new { status = "Finished", rag = "Green" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Status", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var action = (await client.GetFromJsonAsync<JsonElement>("/api/alcohol/plans/1")).GetProperty("actions")[0];
        Assert.Equal(("NotStarted", 1), (action.GetProperty("status").GetString(), action.GetProperty("revision").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/api/alcohol/actions/P9.A1", new { status = "Completed", rag = "Green" })).StatusCode);
    }

    [Fact]
    public async Task An_update_made_from_a_stale_copy_is_refused_with_a_conflict()
    {
        var client = _factory.CreateClient();
        await client.PutAsJsonAsync("/api/alcohol/actions/P1.A1", new { status = "InProgress", rag = "Green", expectedRevision = 1 });

        var stale = await client.PutAsJsonAsync("/api/alcohol/actions/P1.A1", new { status = "Completed", rag = "Red", expectedRevision = 1 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task The_gRPC_API_lists_plans_records_a_measurement_and_refuses_bad_input()
    {
        using var channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
        var client = new ActionPlans.ActionPlansClient(channel);

        var list = await client.ListActionPlansAsync(new ListActionPlansRequest());
        var recorded = await client.RecordMeasurementAsync(new RecordMeasurementRequest { IndicatorId = "P1.I6", Period = "2008/09 Q1", Value = 8.5 });
        var bad = await Assert.ThrowsAsync<RpcException>(() => client.RecordMeasurementAsync(new RecordMeasurementRequest { IndicatorId = "P1.I6", Period = "Q1", Value = 8.5 }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => client.UpdateActionAsync(new UpdateActionRequest { ActionId = "P7.A1", Status = ActionStatus.Completed, Rag = RagStatus.Green }).ResponseAsync);

        Assert.Equal("alcohol", list.Theme);
        Assert.Equal(2, list.Plans.Count);
        Assert.Equal(("2008/09 Q1", 8.5, 1L), (recorded.Period, recorded.Value, recorded.Revision));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("Period", bad.Status.Detail);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var measurements = await client.ListMeasurementsAsync(new ListMeasurementsRequest { IndicatorId = "P1.I6" });
        Assert.Single(measurements.Measurements);
    }

    [Theory]
    [InlineData("/alcohol/")]
    [InlineData("/alcohol/plans/1")]
    [InlineData("/alcohol/plans/2")]
    [InlineData("/alcohol/actions/P1.A1")]
    [InlineData("/alcohol/indicators/P1.I1")]
    public async Task Every_shared_page_renders(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<base href=\"/alcohol/\"", html);
        Assert.Contains("Reduce alcohol related harm", html);
    }

    [Fact]
    public async Task A_page_for_an_unknown_plan_says_so()
    {
        var response = await _factory.CreateClient().GetAsync("/alcohol/plans/9");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no plan 9 in this theme", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/alcohol/plans/1")]
    [InlineData("/api/alcohol/plans")]
    public async Task Every_response_carries_the_content_security_policy_and_refuses_framing(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_for_the_policy_to_block()
    {
        var html = await _factory.CreateClient().GetStringAsync("/alcohol/indicators/P1.I1");

        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
        Assert.DoesNotContain(" style=\"", html);
    }

    public void Dispose() => _factory.Dispose();
}
