using System.Net;
using Grpc.Core;
using SafeCity.Contracts.Governance;
using SafeCity.Contracts.Themes;

namespace SafeCity.Integration.Tests;

[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture fixture)
{
    private static readonly Metadata Alcohol = new() { { "safecity-theme", "alcohol" } };

    [Fact]
    public async Task A_partner_system_reaches_a_theme_over_gRPC_through_the_gateway()
    {
        using var channel = fixture.Channel();
        var plans = new ActionPlans.ActionPlansClient(channel);

        var list = await plans.ListActionPlansAsync(new ListActionPlansRequest(), Alcohol);
        var recorded = await plans.RecordMeasurementAsync(new RecordMeasurementRequest { IndicatorId = "P1.I4", Period = "2008/09 Q3", Value = 4 }, Alcohol);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            plans.RecordMeasurementAsync(new RecordMeasurementRequest { IndicatorId = "P1.I4", Period = "2008/09 Q3", Value = -4 }, Alcohol).ResponseAsync);

        Assert.Equal([1, 2], list.Plans.Select(p => p.Number));
        Assert.Equal(1, recorded.Revision);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    [Fact]
    public async Task The_governance_performance_tree_is_served_over_gRPC_through_the_gateway()
    {
        using var channel = fixture.Channel();
        var governance = new GovernancePerformance.GovernancePerformanceClient(channel);

        // The themes publish their plans as they start; give the last of them a moment to arrive.
        await PlatformFixture.EventuallyAsync(async () =>
            (await governance.GetPerformanceAsync(new GetPerformanceRequest())).Priorities.Sum(p => p.Plans.Count) == 19, TimeSpan.FromSeconds(20));
        var tree = await governance.GetPerformanceAsync(new GetPerformanceRequest());

        Assert.Equal(Enumerable.Range(1, 7), tree.Priorities.Select(p => p.Number));
        Assert.Equal("Tackling Alcohol Partnership", Assert.Single(tree.Priorities[0].LeadPartnerships));
        // Every theme has published its plans: 19 plans with 92 indicators, each under its priority.
        int[][] plans = [[1, 2], [3, 4], [5, 6], [7, 8, 9, 10, 11, 12], [13, 14, 15], [16, 17], [18, 19]];
        Assert.Equal(plans.Select(p => string.Join(",", p)), tree.Priorities.Select(p => string.Join(",", p.Plans.Select(x => x.Number))));
        Assert.Equal(92, tree.Priorities.Sum(p => p.Plans.Sum(x => x.Indicators.Count)));
    }

    [Fact]
    public async Task A_services_scheduled_jobs_are_not_reachable_through_the_gateway()
    {
        // /jobs/* is for the service's own Dapr sidecar; from outside it is not there, token or not.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/pmg-cycle") { Content = new StringContent("{}") };
        request.Headers.Add("dapr-api-token", "anything");

        using var response = await fixture.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_gRPC_call_that_names_no_theme_is_refused()
    {
        using var channel = fixture.Channel();
        var plans = new ActionPlans.ActionPlansClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => plans.ListActionPlansAsync(new ListActionPlansRequest()).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
    }

    [Theory]
    [InlineData("/health", "Healthy")]
    [InlineData("/", "Safe City Partnership performance")]
    [InlineData("/alcohol/", "Tackling Alcohol Partnership")]
    [InlineData("/alcohol/plans/1", "night time economy")]
    [InlineData("/api/governance/performance", "\"priorities\"")]
    [InlineData("/api/alcohol/plans", "\"indicators\"")]
    [InlineData("/violence/plans/3", "carriage of weapons")]
    [InlineData("/acquisitive-crime/plans/5", "Theft from Motor Vehicles")]
    [InlineData("/youth/plans/12", "persistent absence")]
    [InlineData("/asb-arson/plans/14", "deliberate secondary fires")]
    [InlineData("/drugs/plans/16", "drug users in treatment")]
    [InlineData("/communities/plans/18", "Hate crime")]
    public async Task People_reach_every_part_through_one_origin(string path, string expected)
    {
        var response = await fixture.Gateway.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }
}
