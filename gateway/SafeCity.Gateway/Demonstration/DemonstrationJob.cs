using System.Text.Json;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;
using SafeCity.Demonstration;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Demonstration;

/// <summary>
/// An administrator's "fill with demonstration data" on an empty platform: the same generated
/// 2008/09 as ./safecity run --demo, sent through this gateway's own ports as the platform's operator.
/// The data folder is marked first, so every page says "demonstration data" and a real platform's
/// backup restore refuses it. One run at a time; its lines are kept for the page to show.
/// </summary>
public sealed class DemonstrationJob(
    IHttpClientFactory clients,
    ServiceCalls calls,
    IOptions<GatewayOptions> gateway,
    IOptionsMonitor<PlatformIdentityOptions> identity,
    IConfiguration configuration,
    ILogger<DemonstrationJob> log)
{
    public const string ClientName = "demonstration";

    private readonly Lock _gate = new();
    private readonly StringWriter _lines = new();
    private Task? _running;

    private string Marker => Path.Combine(DemonstrationData.DataDirectory(configuration), DemonstrationData.Marker);

    public bool Running => _running is { IsCompleted: false };

    public bool Failed => _running is { IsFaulted: true };

    public string Lines
    {
        get
        {
            lock (_gate)
            {
                return _lines.ToString();
            }
        }
    }

    /// <summary>Null when the platform may be filled; else why not, in words for the page.</summary>
    public async Task<string?> RefusalAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(identity.CurrentValue.OperatorKeys))
        {
            return "This gateway holds no operator's keys (Identity:OperatorKeys), which the demonstration year is sent with: start the platform with ./safecity run --demo instead.";
        }

        if (Running || _running is { IsCompletedSuccessfully: true })
        {
            return null;
        }

        var measurements = await CountAsync("/api/governance/measurements", ct);
        var meetings = await CountAsync("/api/governance/pmg/meetings", ct);
        return measurements is null || meetings is null
            ? "Governance does not answer, so whether the platform is empty cannot be told: try again when /status shows it up."
            : measurements > 0 || meetings > 0
                ? $"This platform holds real work ({measurements:N0} figures, {meetings:N0} PMG meetings): a demonstration year goes only into an empty platform. ./safecity run --demo starts one in a folder of its own."
                : null;
    }

    /// <summary>Marks the data folder and starts filling; false when a run is going already or has finished.</summary>
    public bool Start(string by)
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                return false;
            }

            OwnerOnly.CreateDirectory(DemonstrationData.DataDirectory(configuration));
            OwnerOnly.CreateFile(Marker);
            File.WriteAllText(Marker, $"started by {by}\n");
            var options = gateway.Value;
            var writer = TextWriter.Synchronized(_lines);
            _running = Task.Run(async () =>
            {
                try
                {
                    await DemonstrationYear.FillAsync(new Uri($"http://127.0.0.1:{options.HttpPort}/"), new Uri($"http://127.0.0.1:{options.GrpcPort}/"),
                        identity.CurrentValue.OperatorKeys!, writer, CancellationToken.None);
                    File.WriteAllText(Marker, "filled\n");
                }
                catch (Exception e)
                {
                    writer.WriteLine($"Stopped: {e.Message}");
                    log.LogError(e, "The demonstration year was not filled in whole");
                    throw;
                }
            });
            return true;
        }
    }

    private async Task<int?> CountAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://governance" + path);
        calls.Sign(request, "governance");
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetArrayLength() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
