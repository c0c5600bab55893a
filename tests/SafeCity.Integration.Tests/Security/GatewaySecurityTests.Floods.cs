using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace SafeCity.Integration.Tests.Security;

/// <summary>Floods at the token endpoint cost the attacker, not the platform.</summary>
public sealed partial class GatewaySecurityTests
{
    [Fact]
    public async Task A_thousand_wrong_secrets_at_once_are_throttled_before_any_hash_answered_429_with_retry_after_and_audited_once_a_minute()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.50");
        var (clientId, _) = await IssueClientAsync(admin, "/account/organisations/hampshire-fire-and-rescue", "flooded");
        var gateway = fixture.Platform.ProcessId("gateway");

        // The flood alone, for what it costs the gateway.
        var cpuBefore = CpuSeconds(gateway);
        var answers = await FloodAsync("127.0.0.51", clientId);
        var cpu = CpuSeconds(gateway) - cpuBefore;

        // Someone else's sign-ins, first on a quiet gateway, then while another address floods it.
        var quiet = await SignInsAsync("127.0.0.52", () => Task.Delay(TimeSpan.FromSeconds(3)));
        var flooded = await SignInsAsync("127.0.0.52", () => FloodAsync("127.0.0.53", clientId));
        output.WriteLine($"1,000 refused token requests: {cpu:0.00} CPU-seconds at the gateway. Sign-ins from elsewhere: "
            + $"median {quiet[quiet.Count / 2]:0} ms on a quiet gateway ({quiet.Count}), {flooded[flooded.Count / 2]:0} ms during a flood ({flooded.Count}, slowest {flooded[^1]:0} ms).");
        var audit = await admin.PageAsync("/account/audit?who=" + clientId);

        Assert.Equal(SecurityPlatformFixture.AttemptsPerAddress, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized && a.Error == "invalid_client"));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Unauthorized), a =>
        {
            Assert.Equal((HttpStatusCode.TooManyRequests, "slow_down"), (a.StatusCode, a.Error));
            Assert.InRange(a.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        });
        // At most five secrets were hashed (then the client is locked from this address), at 100,000 PBKDF2 rounds each.
        Assert.True(cpu < 10, $"1,000 refused token requests cost the gateway {cpu:0.0} CPU-seconds.");
        Assert.NotEmpty(flooded);
        Assert.Equal(2, Occurrences(audit, "partner token refused"));
        Assert.Equal(2, Occurrences(audit, "address throttled"));
    }

    private async Task<(HttpStatusCode StatusCode, string? Error, TimeSpan? RetryAfter)[]> FloodAsync(string from, string clientId)
    {
        using var flood = From(from);
        return await Task.WhenAll(Enumerable.Range(0, 1_000).Select(async i =>
        {
            using var response = await flood.PostAsync("/connect/token", ClientCredentials(clientId, "guess " + i.ToString(CultureInfo.InvariantCulture)));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, body.GetProperty("error").GetString(), response.Headers.RetryAfter?.Delta);
        }));
    }

    /// <summary>Sign-ins one after another, each in a new browser, for as long as <paramref name="meanwhile"/> runs; their times in milliseconds, in order.</summary>
    private async Task<List<double>> SignInsAsync(string from, Func<Task> meanwhile)
    {
        using var stop = new CancellationTokenSource();
        var signing = Task.Run(async () =>
        {
            var times = new List<double>();
            while (!stop.IsCancellationRequested)
            {
                using var someone = new WebSession(Gateway, from);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                using var signedIn = await someone.SignInAsync("admin", SecurityPlatformFixture.AdministratorPassword);
                times.Add(clock.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            }

            return times;
        });
        await meanwhile();
        await stop.CancelAsync();
        return [.. (await signing).Order()];
    }

    private static int Occurrences(string page, string action) => page.Split($"<td class=\"govuk-table__cell\">{action}</td>").Length - 1;

    private static double CpuSeconds(int pid)
    {
        // /proc/<pid>/stat: fields 14 and 15 are user and system time in clock ticks (100 a second).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private HttpClient From(string address)
    {
        var source = IPAddress.Parse(address);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 20,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(120) };
    }
}
