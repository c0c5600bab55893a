using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
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
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);
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
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);
        var governance = new GovernancePerformance.GovernancePerformanceClient(channel);

        var tree = await governance.GetPerformanceAsync(new GetPerformanceRequest());

        Assert.Equal(Enumerable.Range(1, 7), tree.Priorities.Select(p => p.Number));
        Assert.Equal([1, 2], tree.Priorities[0].Plans.Select(p => p.Number));
        Assert.Equal("Tackling Alcohol Partnership", Assert.Single(tree.Priorities[0].LeadPartnerships));
        Assert.Empty(tree.Priorities[1].Plans);
    }

    [Fact]
    public async Task A_gRPC_call_that_names_no_theme_is_refused()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);
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
    public async Task People_reach_every_part_through_one_origin(string path, string expected)
    {
        var response = await fixture.Gateway.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }
}
