using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace SafeCity.AppHost.Tests;

public sealed class AppHostTests
{
    private static readonly string OperatorKeys = SafeCity.Contracts.Identity.KeyRing.NewSecret("apphost-tests");

    [Fact]
    public async Task The_AppHost_runs_the_broker_the_services_and_the_gateway_and_the_themes_plans_reach_governance()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SafeCity_AppHost>(["Identity:OperatorKeys=" + OperatorKeys], timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        using var gateway = app.CreateHttpClient("gateway", "http");
        // The gateway believes the operator's bearer token (and no identity header a caller sends).
        var now = DateTimeOffset.UtcNow;
        var token = SafeCity.Contracts.Identity.PlatformTokens.From(new() { OperatorKeys = OperatorKeys }).Issue(SafeCity.Contracts.Identity.TokenKind.Operator,
            new SafeCity.Contracts.Identity.PlatformUser("apphost-tests", "AppHost tests", ["analyst"], now.AddMinutes(10)), SafeCity.Contracts.Identity.PlatformTokens.GatewayAudience, now);
        gateway.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var plans = Array.Empty<int>();
        while (plans.Length < 2 && !timeout.IsCancellationRequested)
        {
            var tree = await gateway.GetFromJsonAsync<JsonElement>("/api/governance/performance", timeout.Token);
            plans = tree.GetProperty("priorities")[0].GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("number").GetInt32()).ToArray();
            await Task.Delay(200, timeout.Token);
        }

        Assert.Equal([1, 2], plans);
        Assert.Contains("Tackling Alcohol Partnership", await gateway.GetStringAsync("/alcohol/", timeout.Token));
        Assert.Equal("Healthy", await gateway.GetStringAsync("/health", timeout.Token));
    }
}
