using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Cli.Bench;
using SafeCity.Contracts.Records;
using SafeCity.LocalPlatform;

namespace SafeCity.Cli.Soak;

/// <summary>
/// ./safecity soak --minutes N: a platform of its own under a steady load for N minutes, as a partnership
/// uses it: a partner's stream of records every five seconds, officers recording figures every second
/// (each to a month of its own), and pages viewed every second. Every minute it notes each process's
/// resident memory; at the end the event lag from theme to governance and what, if anything, was lost,
/// and whether memory levelled off. Not a test: it measures, and writes a report (--out FILE, else the terminal).
/// </summary>
public sealed class SoakCommand(LocalPlatformHost platform, HttpClient gateway, TextWriter log)
{
    private static readonly string[] Pages = ["/", "/delivery-board", "/pmg", "/alcohol/", "/violence/dashboard", "/asb-arson/records", "/drugs/"];
    private const string RecordMonth = "1999-12";
    private const int RecordsPerStream = 200;

    private readonly List<(TimeSpan At, Dictionary<string, double> Megabytes)> _memory = [];
    private readonly Dictionary<string, (string Theme, string Indicator, double Value)> _acknowledged = [];
    private int _measurementsSent;
    private int _recordsSent;
    private int _recordsAccepted;
    private int _pagesViewed;
    private int _pagesFailed;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!int.TryParse(CommandLine.Option(args, "--minutes") ?? "30", CultureInfo.InvariantCulture, out var minutes) || minutes is < 1 or > 24 * 60)
        {
            Console.Error.WriteLine("--minutes takes a whole number from 1 to 1,440.");
            return 2;
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        var work = Directory.CreateTempSubdirectory("safecity-soak-").FullName;
        try
        {
            await using var platform = await LocalPlatformHost.StartAsync(new LocalPlatformOptions
            {
                DataDirectory = Path.Combine(work, "data"),
                BrokerNodes = args.Contains("--broker-cluster") ? 3 : 1,
            }, Console.WriteLine);
            using var gateway = SignedCalls.ToGateway(platform.Keys.OperatorKeys);
            gateway.BaseAddress = platform.GatewayHttp;
            gateway.Timeout = TimeSpan.FromSeconds(30);
            var soak = new SoakCommand(platform, gateway, Console.Out);
            Console.WriteLine($"Soaking for {minutes} minutes on {Measures.Machine()}; Ctrl+C ends it early.");
            var report = await soak.SoakAsync(minutes, stop.Token);
            if (CommandLine.Option(args, "--out") is { } file)
            {
                await File.WriteAllTextAsync(file, report);
                Console.WriteLine($"Wrote {file}.");
            }
            else
            {
                Console.WriteLine(report);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    public async Task<string> SoakAsync(int minutes, CancellationToken end)
    {
        var indicators = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var theme in PlatformService.Themes.Select(t => t.Name))
        {
            var plans = await gateway.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans");
            indicators[theme] = plans.EnumerateArray().Last().GetProperty("indicators")[0].GetProperty("id").GetString()!;
        }

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Sample(clock.Elapsed);
        await Task.WhenAll(
            Every(TimeSpan.FromSeconds(1), round => RecordFiguresAsync(indicators, round), end),
            Every(TimeSpan.FromSeconds(5), StreamRecordsAsync, end),
            Every(TimeSpan.FromSeconds(1), ViewPageAsync, end),
            Every(TimeSpan.FromMinutes(1), _ => { Sample(clock.Elapsed); return Task.CompletedTask; }, end));
        var soaked = clock.Elapsed;
        Sample(soaked);
        log.WriteLine("Load stopped; waiting for governance to take in the last events…");
        var (lost, delivered) = await ReckonAsync(TimeSpan.FromMinutes(2));
        var recordsHeld = await RecordsHeldAsync();
        var lag = await gateway.GetFromJsonAsync<JsonElement>("/api/governance/events/lag?since=" + Uri.EscapeDataString(started.ToString("O", CultureInfo.InvariantCulture)));
        return Report(minutes, soaked, lag, lost, delivered, recordsHeld);
    }

    private static async Task Every(TimeSpan interval, Func<int, Task> act, CancellationToken end)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            for (var round = 0; await timer.WaitForNextTickAsync(end); round++)
            {
                await act(round);
            }
        }
        catch (OperationCanceledException) when (end.IsCancellationRequested)
        {
        }
    }

    private async Task RecordFiguresAsync(Dictionary<string, string> indicators, int round)
    {
        var theme = PlatformService.Themes[round % PlatformService.Themes.Count].Name;
        var indicator = indicators[theme];
        var turn = round / PlatformService.Themes.Count;
        var period = string.Create(CultureInfo.InvariantCulture, $"{1900 + (turn / 12)}-{(turn % 12) + 1:00}");
        var value = (round * 7 % 97) + 1;
        Interlocked.Increment(ref _measurementsSent);
        try
        {
            using var response = await gateway.PostAsJsonAsync($"/api/{theme}/indicators/{indicator}/measurements", new { period, value });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                lock (_acknowledged)
                {
                    _acknowledged[$"{theme} {indicator} {period}"] = (theme, indicator, value);
                }
            }
            else
            {
                log.WriteLine($"  a figure for {theme} was refused: {(int)response.StatusCode}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.WriteLine($"  a figure for {theme} was not acknowledged: {e.Message}");
        }
    }

    private async Task StreamRecordsAsync(int round)
    {
        using var channel = GrpcChannel.ForAddress(platform.GatewayGrpc, new GrpcChannelOptions { HttpClient = SignedCalls.ToGateway(platform.Keys.OperatorKeys), DisposeHttpClient = true });
        using var call = new PartnerRecords.PartnerRecordsClient(channel).SubmitRecords(new Metadata { { "safecity-theme", "asb-arson" } });
        for (var i = 0; i < RecordsPerStream; i++)
        {
            await call.RequestStream.WriteAsync(new RecordSubmission
            {
                Source = "soak",
                Reference = string.Create(CultureInfo.InvariantCulture, $"soak-{round}-{i}"),
                Category = "Fire incident",
                Month = RecordMonth,
                Location = "On or near Portswood Road",
                Attributes = { ["fireType"] = "secondary", ["deliberate"] = i % 2 == 0 ? "yes" : "no" },
            });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;
        Interlocked.Add(ref _recordsSent, RecordsPerStream);
        Interlocked.Add(ref _recordsAccepted, reply.Accepted);
    }

    private async Task ViewPageAsync(int round)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Pages[round % Pages.Length]);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await gateway.SendAsync(request);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _pagesViewed : ref _pagesFailed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _pagesFailed);
        }
    }

    private void Sample(TimeSpan at)
    {
        var exited = platform.ExitedServices().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var megabytes = platform.Endpoints.Keys.Where(n => !exited.Contains(n))
            .ToDictionary(n => n, n => Measures.ResidentMegabytes([platform.ProcessId(n)]), StringComparer.Ordinal);
        megabytes["rabbitmq"] = Measures.ResidentMegabytes(platform.BrokerCluster?.ProcessIds ?? platform.Broker.ProcessIds);
        _memory.Add((at, megabytes));
        log.WriteLine($"  {at.TotalMinutes:0} min: {megabytes.Values.Sum():N0} MB in all ({string.Join(", ", megabytes.Select(m => $"{m.Key} {m.Value:0}"))})");
    }

    // Every acknowledged figure as governance shows it, once the last events are in: lost are those it does not hold at their value.
    private async Task<(int Lost, int Delivered)> ReckonAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var held = (await gateway.GetFromJsonAsync<JsonElement>("/api/governance/measurements"))
                .EnumerateArray().ToDictionary(m => $"{m.GetProperty("theme").GetString()} {m.GetProperty("indicatorId").GetString()} {m.GetProperty("period").GetString()}", m => m.GetProperty("value").GetDouble());
            var delivered = _acknowledged.Count(a => held.TryGetValue(a.Key, out var v) && v == a.Value.Value);
            if (delivered == _acknowledged.Count || DateTime.UtcNow > deadline)
            {
                return (_acknowledged.Count - delivered, delivered);
            }

            await Task.Delay(1000);
        }
    }

    private async Task<int> RecordsHeldAsync() =>
        (await gateway.GetFromJsonAsync<JsonElement>($"/api/asb-arson/records/counts?from={RecordMonth}&to={RecordMonth}")).EnumerateArray().Sum(c => c.GetProperty("count").GetInt32());

    private string Report(int minutes, TimeSpan soaked, JsonElement lag, int lost, int delivered, int recordsHeld)
    {
        var first = _memory[0].Megabytes;
        var third = _memory[Math.Min(_memory.Count - 1, Math.Max(1, _memory.Count / 3))].Megabytes;
        var last = _memory[^1].Megabytes;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Soak of {soaked.TotalMinutes:0.0} minutes (asked: {minutes}) on {Measures.Machine()}, {DateTimeOffset.UtcNow:yyyy-MM-dd}.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Figures recorded: {_measurementsSent:N0} sent, {_acknowledged.Count:N0} acknowledged, {delivered:N0} in governance at their value, **{lost:N0} lost**.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Partner records: {_recordsSent:N0} streamed, {_recordsAccepted:N0} accepted, {recordsHeld:N0} held by the theme{(recordsHeld == _recordsAccepted ? "" : " (**differs**)")}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Pages viewed: {_pagesViewed:N0}, failed: {_pagesFailed:N0}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Event lag, theme to governance: p50 {lag.GetProperty("p50").GetDouble():0} ms, p95 {lag.GetProperty("p95").GetDouble():0} ms, p99 {lag.GetProperty("p99").GetDouble():0} ms, max {lag.GetProperty("max").GetDouble():0} ms over {lag.GetProperty("measurements").GetInt32():N0} figures.");
        report.AppendLine();
        report.AppendLine("Resident memory (MB) per process: at start, after a third of the soak, at the end; growth over the last two thirds.");
        report.AppendLine();
        report.AppendLine("| process | start | a third in | end | last two thirds |");
        report.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var name in last.Keys.Order(StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {first.GetValueOrDefault(name):N0} | {third.GetValueOrDefault(name):N0} | {last[name]:N0} | {last[name] - third.GetValueOrDefault(name):+0;-0;0} |");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"| all | {first.Values.Sum():N0} | {third.Values.Sum():N0} | {last.Values.Sum():N0} | {last.Values.Sum() - third.Values.Sum():+0;-0;0} |");
        report.AppendLine();
        report.AppendLine("Every minute, in all (MB): " + string.Join(", ", _memory.Select(m => m.Megabytes.Values.Sum().ToString("0", CultureInfo.InvariantCulture))) + ".");
        return report.ToString();
    }
}
