using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Contracts.Themes;

namespace SafeCity.Kernel.Tests.Services;

/// <summary>Where anonymous editing is switched off, no write path lets an anonymous caller through.</summary>
public sealed class AccessTests : IDisposable
{
    private readonly AlcoholServiceFactory _factory = new() { Settings = { ["Access:AllowAnonymousEditing"] = "false" } };

    [Fact]
    public async Task An_anonymous_caller_cannot_change_anything_over_HTTP_or_gRPC_but_can_read()
    {
        var client = _factory.CreateClient();
        using var channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
        var grpc = new ActionPlans.ActionPlansClient(channel);

        var put = await client.PutAsJsonAsync("/api/alcohol/actions/P1.A1", new { status = "Completed", rag = "Green" });
        var post = await client.PostAsJsonAsync("/api/alcohol/indicators/P1.I1/measurements", new { period = "2008-04", value = 1 });
        var rpc = await Assert.ThrowsAsync<RpcException>(() => grpc.RecordMeasurementAsync(new RecordMeasurementRequest { IndicatorId = "P1.I1", Period = "2008-04", Value = 1 }).ResponseAsync);
        var page = await client.GetStringAsync("/alcohol/actions/P1.A1");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, rpc.StatusCode);
        Assert.DoesNotContain("Save action", page);
        Assert.Contains("You may not change this theme", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/alcohol/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/alcohol/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/alcohol/records", new { category = "Test purchase", month = "2008-04" })).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
