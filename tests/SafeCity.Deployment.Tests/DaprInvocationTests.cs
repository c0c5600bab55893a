using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway;
using SafeCity.Gateway.Forwarding;
using SafeCity.Testing;

namespace SafeCity.Deployment.Tests;

/// <summary>
/// Calls between services through the Dapr sidecar (Dapr:Invoke), with a stand-in sidecar that
/// records what reaches it: the services' own HTTP clients and the gateway's proxy both send each
/// call to the sidecar, naming the service in dapr-app-id.
/// </summary>
public sealed class DaprInvocationTests : IAsyncLifetime
{
    private StandInSidecar _sidecar = default!;
    private readonly ConcurrentQueue<(string Path, string AppId, string Identity)> _received = new();

    public async Task InitializeAsync() => _sidecar = await StandInSidecar.StartAsync(app => app.Run(async context =>
    {
        _received.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers["dapr-app-id"].ToString(), context.Request.Headers[PlatformTokens.Header].ToString()));
        await context.Response.WriteAsJsonAsync(new { answeredBy = "sidecar" });
    }));

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    private int Port => _sidecar.Port;

    [Fact]
    public async Task A_services_call_to_another_by_name_goes_to_its_sidecar_naming_the_service()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Dapr:Invoke"] = "true";
        builder.Configuration["DAPR_HTTP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["services:alcohol:http:0"] = "http://alcohol:8080";
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        using var response = await http.GetAsync("http://alcohol/api/alcohol/state?from=2008-04");
        using var direct = await http.GetAsync($"http://127.0.0.1:{Port}/not-a-service");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal([("/api/alcohol/state?from=2008-04", "alcohol"), ("/not-a-service", "")], _received.Select(r => (r.Path, r.AppId)));
    }

    [Fact]
    public async Task The_gateway_forwards_pages_and_apis_to_its_sidecar_for_the_service_they_belong_to()
    {
        using var data = new TempDirectory();
        var (people, _) = KeyRing.NewKeyPair();
        var operatorKeys = KeyRing.NewSecret("test");
        using var gateway = new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(b =>
        {
            b.UseSetting("SAFECITY_DATA_DIR", data.Path);
            b.UseSetting("Identity:People:KeyId", "test");
            b.UseSetting("Identity:People:SigningKey", people);
            b.UseSetting("Identity:OperatorKeys", operatorKeys);
            b.UseSetting("Dapr:Invoke", "true");
            b.UseSetting("DAPR_HTTP_PORT", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PlatformTokens.OperatorToken(operatorKeys, DateTimeOffset.UtcNow));

        var api = await client.GetStringAsync("/api/violence/plans");
        var page = await client.GetStringAsync("/delivery-board?asAt=2008-06-30");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Contains("sidecar", api);
        Assert.Contains("sidecar", page);
        // The gateway's own status checks (each service's /health) go through the sidecar too; these are what it forwarded.
        var forwarded = _received.Where(r => r.Path != "/health").ToList();
        Assert.Equal([("/api/violence/plans", "violence"), ("/delivery-board?asAt=2008-06-30", "governance")], forwarded.Select(r => (r.Path, r.AppId)));
        Assert.All(forwarded, r => Assert.NotEmpty(r.Identity));
    }

    [Fact]
    public void Through_the_sidecar_every_route_names_its_service_and_grpc_goes_to_the_sidecars_grpc_port()
    {
        var (routes, clusters) = PlatformRoutes.Build(["alcohol", "youth"], new PlatformRoutes.Sidecar(3500, 50001));

        foreach (var cluster in clusters)
        {
            var address = Assert.Single(cluster.Destinations!).Value.Address;
            Assert.Equal(cluster.ClusterId!.EndsWith("-grpc", StringComparison.Ordinal) ? "http://127.0.0.1:50001" : "http://127.0.0.1:3500", address);
        }

        Assert.All(routes, r => Assert.Contains(r.Transforms!, t => t.TryGetValue("RequestHeader", out var h) && h == "dapr-app-id" && t["Set"] == r.ClusterId!.Replace("-grpc", "", StringComparison.Ordinal)));
        Assert.Equal(new Version(2, 0), clusters.Single(c => c.ClusterId == "youth-grpc").HttpRequest!.Version);
    }
}
