using System.Text.Json;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;
using SafeCity.Demonstration;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.Audit;
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
    LocalAccounts accounts,
    GatewayAudit audit,
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

        var held = await HeldAsync(ct);
        return held is null
            ? "The services do not all answer, so whether the platform is empty cannot be told: try again when /status shows every part up."
            : held.Count > 0
                ? $"This platform holds real work ({string.Join("; ", held)}): a demonstration year goes only into a platform with nothing in it beyond its first administrator. ./safecity run --demo starts one in a folder of its own."
                : null;
    }

    // What people do at the gateway that a demonstration year would mix with (sign-ins and the first
    // administrator's own password are not work).
    private static readonly string[] GatewayWork =
    [
        AuditActions.AccountCreated, AuditActions.RolesChanged, AuditActions.AccountDisabled, AuditActions.AccountEnabled,
        AuditActions.ReminderAddressChanged, AuditActions.ClientIssued, AuditActions.ClientRevoked, AuditActions.PartnerTokenIssued,
        AuditActions.OfficerAdded, AuditActions.OfficerRemoved, AuditActions.CategoriesSet,
    ];

    /// <summary>
    /// Everything the platform holds beyond its first administrator, in words: accounts and partner
    /// changes at the gateway; any change in a theme's own audit trail but the import of its plans from
    /// the seed (records, figures, actions, targets, plans); whatever governance says it holds
    /// (<c>/api/governance/holdings</c>). Null when a service does not answer.
    /// </summary>
    private async Task<List<string>?> HeldAsync(CancellationToken ct)
    {
        var held = new List<string>();
        var accountCount = accounts.All().Count;
        if (accountCount > 1)
        {
            held.Add($"{accountCount:N0} accounts");
        }

        held.AddRange(GatewayWork.Where(action => audit.Recent(1, action: action).Count > 0).Select(action => $"'{action}' in the audit trail"));
        var options = gateway.Value;
        using var http = clients.CreateClient(ClientName);
        http.BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}/");
        http.DefaultRequestHeaders.Authorization = new("Bearer", PlatformTokens.OperatorToken(identity.CurrentValue.OperatorKeys!, DateTimeOffset.UtcNow));
        try
        {
            foreach (var theme in options.Themes)
            {
                var changes = (await ReadAsync(http, $"/api/{theme}/audit?from=2000-01-01", ct)).EnumerateArray()
                    .Count(e => e.GetProperty("actor").GetString() != SeedImport);
                if (changes > 0)
                {
                    held.Add($"{changes:N0} changes in {theme}");
                }
            }

            // Governance counts its own: figures, PMG meetings and remedial actions, the PPO cohort and its
            // disclosures, breaches, structure changes, Most Similar Group comparisons, tolerance changes.
            foreach (var holding in (await ReadAsync(http, "/api/governance/holdings", ct)).EnumerateArray())
            {
                held.Add($"{holding.GetProperty("count").GetInt32():N0} {holding.GetProperty("what").GetString()}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or KeyNotFoundException or InvalidOperationException)
        {
            log.LogWarning(e, "Whether the platform is empty could not be told");
            return null;
        }

        return held;
    }

    /// <summary>Who a theme's audit trail says imported its plans from the seed at its first start.</summary>
    private const string SeedImport = "seed import";

    private static async Task<JsonElement> ReadAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
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
}
