using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SafeCity.Contracts.Identity;
using SafeCity.Kernel.Messaging;
using SafeCity.Testing;

namespace SafeCity.Deployment.Tests;

/// <summary>
/// Governance's scheduled jobs as Dapr's cron bindings call them, over HTTP without a sidecar: the
/// sidecar's app token opens the PMG cycle and the quarterly report, once each; no one else may.
/// </summary>
public sealed class ScheduledJobsTests : IDisposable
{
    private const string Token = "a-token-dapr-gives-the-service";
    private readonly MovableClock _clock = new(new DateTimeOffset(2008, 4, 12, 6, 30, 0, TimeSpan.Zero));
    private readonly GovernanceFactory _governance;

    public ScheduledJobsTests() => _governance = new GovernanceFactory(_clock);

    public void Dispose() => _governance.Dispose();

    private sealed class GovernanceFactory(MovableClock clock) : WebApplicationFactory<SafeCity.Governance.Performance.PartnershipPerformance>
    {
        private readonly TempDirectory _data = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("SAFECITY_DATA_DIR", _data.Path);
            builder.UseSetting("ConnectionStrings:" + BusRegistration.BrokerConnectionName, BusRegistration.InMemory);
            builder.UseSetting("Access:AllowAnonymous", "false");
            builder.UseTestIdentity();
            builder.UseSetting("APP_API_TOKEN", Token);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _data.Dispose();
        }
    }

    private HttpClient Client() => _governance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(string job, string? token = Token, string? role = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/" + job) { Content = JsonContent.Create(new { }) };
        if (token is not null)
        {
            request.Headers.Add("dapr-api-token", token);
        }

        if (role is not null)
        {
            request.Headers.Add(PlatformTokens.Header, TestIdentity.Person("governance", "someone", [role], _clock.Now));
        }

        using var response = await Client().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    // A Delivery Board member, signed in through the gateway.
    private HttpRequestMessage AsBoardMember(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(PlatformTokens.Header, TestIdentity.Person("governance", "board", [PlatformRoles.DeliveryBoard], _clock.Now));
        return request;
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var request = AsBoardMember(path);
        using var response = await Client().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task A_meeting_a_week_away_has_its_exception_list_drawn_up_once()
    {
        // 12 April 2008: five days before the first meeting (17 April).
        var (status, body) = await CallAsync("pmg-cycle");
        var (again, second) = await CallAsync("pmg-cycle");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("opened").GetBoolean());
        Assert.Contains("17 April 2008", body.GetProperty("subject").GetString());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.False(second.GetProperty("opened").GetBoolean());
        Assert.Contains("was drawn up", second.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_meeting_further_away_is_left_until_its_papers_are_due()
    {
        _clock.Now = new DateTimeOffset(2008, 4, 1, 6, 30, 0, TimeSpan.Zero);

        var (status, body) = await CallAsync("pmg-cycle");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("opened").GetBoolean());
        Assert.Contains("more than 7 days away", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_quarter_just_ended_has_its_report_kept_once_and_readable()
    {
        _clock.Now = new DateTimeOffset(2008, 10, 1, 7, 0, 0, TimeSpan.Zero);

        var (status, body) = await CallAsync("quarterly-report");
        var (_, second) = await CallAsync("quarterly-report");
        var kept = Assert.Single((await GetAsync("/api/governance/quarterly-reports")).EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("opened").GetBoolean());
        Assert.False(second.GetProperty("opened").GetBoolean());
        Assert.Equal("2008/09 Q2", kept.GetProperty("quarter").GetString());
        Assert.Equal("2008-09-30", kept.GetProperty("asAt").GetString());
        using var csv = AsBoardMember($"/api/governance/quarterly-reports/{kept.GetProperty("id").GetString()}.csv");
        using var file = await Client().SendAsync(csv);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await file.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("a-wrong-token", null)]
    [InlineData(null, PlatformRoles.Administrator)]
    [InlineData("a-wrong-token", PlatformRoles.PerformanceManagementGroup)]
    public async Task No_one_but_the_sidecar_runs_a_job(string? token, string? role)
    {
        var (pmg, _) = await CallAsync("pmg-cycle", token, role);
        var (quarterly, _) = await CallAsync("quarterly-report", token, role);

        Assert.NotEqual(HttpStatusCode.OK, pmg);
        Assert.NotEqual(HttpStatusCode.OK, quarterly);
        Assert.Empty((await GetAsync("/api/governance/quarterly-reports")).EnumerateArray());
        var (status, body) = await CallAsync("pmg-cycle");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("opened").GetBoolean(), "a refused call must not have drawn the list up");
    }

    [Fact]
    public async Task Every_cron_binding_in_the_manifests_calls_a_job_governance_runs()
    {
        var schedules = Manifests.Load(File.ReadAllText(Path.Combine(Manifests.K8s, "base", "dapr", "schedules.yaml"))).OfType<DaprComponent>().ToList();

        Assert.Equal(2, schedules.Count);
        foreach (var binding in schedules)
        {
            Assert.Equal("bindings.cron", binding.Spec.Type);
            Assert.Equal(["governance"], binding.Scopes);
            var route = binding.Spec.Metadata!.Single(m => m.Name == "route").Value!;
            var (status, body) = await CallAsync(route.TrimStart('/')["jobs/".Length..]);
            Assert.True(status == HttpStatusCode.OK, $"{binding.Metadata.Name} calls {route}, which answered {(int)status}");
            Assert.Contains(body.GetProperty("opened").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
        }
    }
}
