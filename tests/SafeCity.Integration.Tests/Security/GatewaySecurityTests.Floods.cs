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
        using var flood = From("127.0.0.51");
        var gateway = fixture.Platform.ProcessId("gateway");
        var cpuBefore = CpuSeconds(gateway);

        // Meanwhile someone else signs in from another address, again and again.
        using var stop = new CancellationTokenSource();
        var others = Task.Run(async () =>
        {
            var times = new List<double>();
            while (!stop.IsCancellationRequested)
            {
                using var someone = new WebSession(Gateway, "127.0.0.52");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                using var signedIn = await someone.SignInAsync("admin", SecurityPlatformFixture.AdministratorPassword);
                times.Add(clock.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            }

            return times;
        });
        var answers = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(async i =>
        {
            using var response = await flood.PostAsync("/connect/token", ClientCredentials(clientId, "guess " + i.ToString(CultureInfo.InvariantCulture)));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, Error: body.GetProperty("error").GetString(), RetryAfter: response.Headers.RetryAfter?.Delta);
        }));
        var cpu = CpuSeconds(gateway) - cpuBefore;
        await stop.CancelAsync();
        var signIns = (await others).Order().ToList();
        output.WriteLine($"1,000 refused token requests: {cpu:0.00} CPU-seconds at the gateway (with {signIns.Count} sign-ins from elsewhere meanwhile, "
            + $"median {signIns[signIns.Count / 2]:0} ms, slowest {signIns[^1]:0} ms).");
        var audit = await admin.PageAsync("/account/audit?who=" + clientId);

        Assert.Equal(SecurityPlatformFixture.AttemptsPerAddress, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized && a.Error == "invalid_client"));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Unauthorized), a =>
        {
            Assert.Equal((HttpStatusCode.TooManyRequests, "slow_down"), (a.StatusCode, a.Error));
            Assert.InRange(a.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        });
        // At most five secrets were hashed (then the client is locked from this address), at 100,000 PBKDF2 rounds each.
        Assert.True(cpu < 10, $"1,000 refused token requests cost the gateway {cpu:0.0} CPU-seconds.");
        Assert.NotEmpty(signIns);
        Assert.Equal(1, Occurrences(audit, "partner token refused"));
        Assert.Equal(1, Occurrences(audit, "address throttled"));
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
