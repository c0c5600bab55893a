using System.Collections.Concurrent;
using System.Net;
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
/// call to the sidecar's service invocation API for the service named, with the sidecar's API token.
/// </summary>
public sealed class DaprInvocationTests : IAsyncLifetime
{
    private const string ApiToken = "the sidecar's own api token";
    private StandInSidecar _sidecar = default!;
    private readonly ConcurrentQueue<(string Path, string AppId, string Identity, string Token)> _received = new();

    public async Task InitializeAsync() => _sidecar = await StandInSidecar.StartAsync(app => app.Run(async context =>
    {
        _received.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers["dapr-app-id"].ToString(),
            context.Request.Headers[PlatformTokens.Header].ToString(), context.Request.Headers["dapr-api-token"].ToString()));
        await context.Response.WriteAsJsonAsync(new { answeredBy = "sidecar" });
    }));

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    private int Port => _sidecar.Port;

    [Fact]
    public async Task A_services_call_to_another_by_name_goes_to_its_sidecars_invocation_api_with_its_token()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Dapr:Invoke"] = "true";
        builder.Configuration["DAPR_API_TOKEN"] = ApiToken;
        builder.Configuration["DAPR_HTTP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["services:alcohol:http:0"] = "http://alcohol:8080";
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        using var response = await http.GetAsync("http://alcohol/api/alcohol/state?from=2008-04");
        using var direct = await http.GetAsync($"http://127.0.0.1:{Port}/not-a-service");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal([("/v1.0/invoke/alcohol/method/api/alcohol/state?from=2008-04", ApiToken), ("/not-a-service", "")], _received.Select(r => (r.Path, r.Token)));
    }

    private WebApplicationFactory<GatewayOptions> Gateway(TempDirectory data, string operatorKeys)
    {
        var (people, _) = KeyRing.NewKeyPair();
        return new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(b =>
        {
            b.UseSetting("SAFECITY_DATA_DIR", data.Path);
            b.UseSetting("Identity:People:KeyId", "test");
            b.UseSetting("Identity:People:SigningKey", people);
            b.UseSetting("Identity:OperatorKeys", operatorKeys);
            b.UseSetting("Dapr:Invoke", "true");
            b.UseSetting("DAPR_API_TOKEN", ApiToken);
            b.UseSetting("DAPR_HTTP_PORT", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [Theory]
    [InlineData("GET", "/v1.0/secrets/safecity-secrets/safecity-identity-signing")]
    [InlineData("GET", "/V1.0/Secrets/safecity-secrets/safecity-identity-signing")]
    [InlineData("POST", "/v1.0/shutdown")]
    [InlineData("GET", "/v1.0/metadata")]
    [InlineData("POST", "/v1.0/invoke/governance/method/jobs/pmg-cycle")]
    [InlineData("POST", "/v1.0/invoke/http%3A%2F%2Fexample.org/method/x")]
    [InlineData("GET", "/v1.0-alpha1/jobs/anything")]
    [InlineData("GET", "/v1.0-beta1/workflows/x")]
    [InlineData("GET", "/v1/secrets/safecity-secrets/x")]
    [InlineData("POST", "/dapr.proto.runtime.v1.Dapr/GetSecret")]
    [InlineData("POST", "/jobs/pmg-cycle")]
    [InlineData("GET", "/alcohol/..%2F..%2Fv1.0/metadata")]
    [InlineData("GET", "/alcohol/%2e%2e/%2e%2e/v1.0/metadata")]
    [InlineData("GET", "/alcohol/..%5C..%5Cv1.0/metadata")]
    [InlineData("GET", "/alcohol/x/%2E%2E%2F%2E%2E%2Fv1.0/metadata")]
    public async Task An_outside_request_never_reaches_the_sidecars_own_api_only_invocation_of_a_platform_service(string method, string path)
    {
        using var data = new TempDirectory();
        var operatorKeys = KeyRing.NewSecret("test");
        using var gateway = Gateway(data, operatorKeys);
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PlatformTokens.OperatorToken(operatorKeys, DateTimeOffset.UtcNow));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("safecity-theme", "alcohol");
        request.Headers.Add("dapr-app-id", "governance");
        request.Headers.Add("dapr-api-token", "the caller's guess");

        using var response = await client.SendAsync(request);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var services = new[] { "governance" }.Concat(SafeCity.Contracts.Themes.PartnershipThemes.All.Select(t => t.Slug)).ToHashSet();
        Assert.All(_received, r =>
        {
            var match = System.Text.RegularExpressions.Regex.Match(r.Path, "^/v1\\.0/invoke/([a-z-]+)/method/(.*)$");
            Assert.True(match.Success && services.Contains(match.Groups[1].Value), $"The sidecar was sent {r.Path}.");
            Assert.DoesNotMatch("^(v1|jobs|dapr)", match.Groups[2].Value.ToLowerInvariant());
            Assert.Equal(ApiToken, r.Token);
            // The caller's own dapr-app-id was dropped: an invocation names its service in its path alone.
            Assert.Equal("", r.AppId);
        });
    }

    [Fact]
    public async Task The_gateway_forwards_pages_and_apis_to_its_sidecars_invocation_api_for_the_service_they_belong_to()
    {
        using var data = new TempDirectory();
        var operatorKeys = KeyRing.NewSecret("test");
        using var gateway = Gateway(data, operatorKeys);
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PlatformTokens.OperatorToken(operatorKeys, DateTimeOffset.UtcNow));
        // A caller's own Dapr headers are dropped at the edge: only the gateway says where a call goes.
        client.DefaultRequestHeaders.Add("dapr-app-id", "governance");

        var api = await client.GetStringAsync("/api/violence/plans");
        var page = await client.GetStringAsync("/delivery-board?asAt=2008-06-30");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Contains("sidecar", api);
        Assert.Contains("sidecar", page);
        // The gateway's own status checks (each service's /health and /event-path) go through the sidecar too; these are what it forwarded.
        var forwarded = _received.Where(r => !r.Path.EndsWith("/method/health", StringComparison.Ordinal) && !r.Path.EndsWith("/method/event-path", StringComparison.Ordinal)).ToList();
        Assert.Equal(["/v1.0/invoke/violence/method/api/violence/plans", "/v1.0/invoke/governance/method/delivery-board?asAt=2008-06-30"], forwarded.Select(r => r.Path));
        Assert.All(forwarded, r => Assert.NotEmpty(r.Identity));
        Assert.All(forwarded, r => Assert.Equal(ApiToken, r.Token));
        Assert.All(forwarded, r => Assert.Equal("", r.AppId));
    }

    [Fact]
    public void Through_the_sidecar_http_routes_invoke_their_service_and_grpc_routes_name_it_on_the_platforms_own_grpc_services_alone()
    {
        var (routes, clusters) = PlatformRoutes.Build(["alcohol", "youth"], new PlatformRoutes.Sidecar(3500, 50001));

        foreach (var cluster in clusters)
        {
            var address = Assert.Single(cluster.Destinations!).Value.Address;
            Assert.Equal(cluster.ClusterId!.EndsWith("-grpc", StringComparison.Ordinal) ? "http://127.0.0.1:50001" : "http://127.0.0.1:3500", address);
        }

        var grpc = routes.Where(r => r.ClusterId!.EndsWith("-grpc", StringComparison.Ordinal)).ToList();
        Assert.All(grpc, r => Assert.Contains(r.Transforms!, t => t.TryGetValue("RequestHeader", out var h) && h == "dapr-app-id" && t["Set"] == r.ClusterId!.Replace("-grpc", "", StringComparison.Ordinal)));
        Assert.All(routes.Except(grpc), r => Assert.Contains(r.Transforms!, t => t.TryGetValue("PathPrefix", out var p) && p == $"/v1.0/invoke/{r.ClusterId}/method"));
        Assert.All(grpc, r => Assert.Matches("^/(safecity\\.(records|themes|governance)\\.v1\\.[A-Za-z]+|grpc\\.reflection\\.v1(alpha)?\\.ServerReflection)/\\{\\*\\*rest\\}$", r.Match.Path));
        Assert.Equal(new Version(2, 0), clusters.Single(c => c.ClusterId == "youth-grpc").HttpRequest!.Version);
    }
}
