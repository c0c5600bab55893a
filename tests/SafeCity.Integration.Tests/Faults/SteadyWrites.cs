using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SafeCity.Integration.Tests.Faults;

/// <summary>One write a client made, and whether the platform acknowledged it.</summary>
public sealed record Write(string Theme, string Indicator, string Key, double Value, bool Acknowledged, string? Failure)
{
    public bool IsRecord => Key.StartsWith("record ", StringComparison.Ordinal);
}

/// <summary>
/// A steady stream of writes through the gateway, as officers and partners make them: every few
/// hundred milliseconds a measurement to each of the seven themes (each for its own month, so each
/// lands on a key of its own) and a counted record to two of them (a deliberate secondary fire, a
/// burglary), each with its own reference. What each write was answered is kept for the reckoning.
/// </summary>
public sealed class SteadyWrites
{
    /// <summary>The records written, and the computed indicator that counts them month by month.</summary>
    public static readonly (string Theme, string Indicator, string Category, Dictionary<string, string> Details)[] CountedRecords =
    [
        ("asb-arson", "P14.I3", "Fire incident", new() { ["fireType"] = "secondary", ["deliberate"] = "yes" }),
        ("acquisitive-crime", "P5.I3", "Burglary", []),
    ];

    private readonly HttpClient _gateway;
    private readonly string _name;
    private readonly int _firstYear;
    private readonly string _recordMonth;
    private readonly Dictionary<string, string> _indicators;
    private readonly List<Write> _writes = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    private SteadyWrites(HttpClient gateway, string name, int firstYear, string recordMonth, Dictionary<string, string> indicators)
    {
        _gateway = gateway;
        _name = name;
        _firstYear = firstYear;
        _recordMonth = recordMonth;
        _indicators = indicators;
    }

    public string RecordMonth => _recordMonth;
    public IReadOnlyDictionary<string, string> Indicators => _indicators;

    /// <param name="firstYear">Measurements go to months from this year on (a range of its own for each test).</param>
    /// <param name="recordMonth">The month of every record written.</param>
    public static async Task<SteadyWrites> StartAsync(PlatformFixture fixture, string name, int firstYear, string recordMonth, TimeSpan every)
    {
        // For each theme an indicator whose figures people enter: the first of its last plan.
        var indicators = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var theme in SafeCity.LocalPlatform.PlatformService.Themes.Select(t => t.Name))
        {
            var plans = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans");
            indicators[theme] = plans.EnumerateArray().Last().GetProperty("indicators")[0].GetProperty("id").GetString()!;
        }

        var client = fixture.GatewayClient(fixture.Platform.GatewayHttp, TimeSpan.FromSeconds(20));
        var writes = new SteadyWrites(client, name, firstYear, recordMonth, indicators);
        writes._running = Task.Run(() => writes.RunAsync(every));
        return writes;
    }

    private async Task RunAsync(TimeSpan every)
    {
        for (var round = 0; !_stop.IsCancellationRequested; round++)
        {
            var clock = Stopwatch.StartNew();
            var period = string.Create(CultureInfo.InvariantCulture, $"{_firstYear + (round / 12)}-{(round % 12) + 1:00}");
            var value = (round * 7 % 97) + 1;
            var sends = _indicators.Select(i => MeasureAsync(i.Key, i.Value, period, value))
                .Concat(CountedRecords.Select(r => RecordAsync(r.Theme, r.Indicator, r.Category, r.Details, $"{_name}-{round}")));
            var done = await Task.WhenAll(sends);
            lock (_writes)
            {
                _writes.AddRange(done);
            }

            if (every - clock.Elapsed is { Ticks: > 0 } rest)
            {
                await Task.Delay(rest).ConfigureAwait(false);
            }
        }
    }

    private async Task<Write> MeasureAsync(string theme, string indicator, string period, double value)
    {
        var key = $"{indicator} {period}";
        try
        {
            using var response = await _gateway.PostAsJsonAsync($"/api/{theme}/indicators/{indicator}/measurements", new { period, value });
            return new Write(theme, indicator, key, value, response.StatusCode == HttpStatusCode.Created,
                response.StatusCode == HttpStatusCode.Created ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Write(theme, indicator, key, value, false, e.Message);
        }
    }

    private async Task<Write> RecordAsync(string theme, string indicator, string category, Dictionary<string, string> details, string reference)
    {
        var key = "record " + reference;
        try
        {
            using var response = await _gateway.PostAsJsonAsync($"/api/{theme}/records", new { reference, category, month = _recordMonth, attributes = details });
            return new Write(theme, indicator, key, 1, response.StatusCode == HttpStatusCode.Created,
                response.StatusCode == HttpStatusCode.Created ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Write(theme, indicator, key, 1, false, e.Message);
        }
    }

    /// <summary>Stops after the round in flight; returns every write made.</summary>
    public async Task<IReadOnlyList<Write>> StopAsync()
    {
        await _stop.CancelAsync();
        await _running!;
        _gateway.Dispose();
        lock (_writes)
        {
            return [.. _writes];
        }
    }
}
