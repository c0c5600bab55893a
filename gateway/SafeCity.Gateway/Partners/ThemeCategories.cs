using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Partners;

public sealed record ThemeCategory(string Theme, string Name, string Description);

/// <summary>
/// The categories of records every theme keeps, asked of the themes themselves (GET
/// /api/{theme}/records/categories) and kept: each theme is asked again at most once a minute, all at
/// once and each for at most two seconds, and a theme that does not answer keeps the list it gave last.
/// A partner's sign-in reads this, so one theme down never stops partners signing in.
/// </summary>
public sealed class ThemeCategories(IHttpClientFactory clients, IOptions<GatewayOptions> options, ServiceCalls calls, TimeProvider clock, ILogger<ThemeCategories> log)
{
    public const string ClientName = "theme-categories";
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ThemeCategory>> AllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var themes = options.Value.Themes;
        await Task.WhenAll(themes.Where(t => !_known.TryGetValue(t, out var k) || now - k.AskedAt > Fresh).Select(t => AskAsync(t, now, ct)));
        return themes.SelectMany(t => _known.TryGetValue(t, out var k) ? k.Categories : []).ToList();
    }

    /// <summary>The themes whose categories are not known now (down since the gateway started, or never answered).</summary>
    public IReadOnlyList<string> Unknown() => options.Value.Themes.Where(t => !_known.TryGetValue(t, out var k) || k.Categories.Count == 0).ToList();

    private async Task AskAsync(string theme, DateTimeOffset now, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{theme}/api/{theme}/records/categories");
        calls.Sign(request, theme);
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Patience);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, patience.Token);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<Item[]>(patience.Token) is { } items)
            {
                _known[theme] = new Known(now, items.Select(i => new ThemeCategory(theme, i.Name, i.Description)).ToList());
                return;
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
        {
            log.LogWarning("The {Theme} theme did not say which categories it keeps ({Error}); its last list stands", theme, e.GetType().Name);
        }

        // Not asked again for a minute: the last list stands (none, if it never answered).
        _known.AddOrUpdate(theme, _ => new Known(now, []), (_, k) => k with { AskedAt = now });
    }

    private sealed record Known(DateTimeOffset AskedAt, IReadOnlyList<ThemeCategory> Categories);

    private sealed record Item(string Name, string Description);
}
