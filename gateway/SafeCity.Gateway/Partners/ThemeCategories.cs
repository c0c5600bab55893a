using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Partners;

public sealed record ThemeCategory(string Theme, string Name, string Description);

/// <summary>The categories of records every theme keeps, asked of the themes themselves (GET /api/{theme}/records/categories).</summary>
public sealed class ThemeCategories(IHttpClientFactory clients, IOptions<GatewayOptions> options, ServiceCalls calls)
{
    public const string ClientName = "theme-categories";

    public async Task<IReadOnlyList<ThemeCategory>> AllAsync(CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        var found = new List<ThemeCategory>();
        foreach (var theme in options.Value.Themes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{theme}/api/{theme}/records/categories");
            calls.Sign(request, theme);
            try
            {
                using var response = await client.SendAsync(request, ct);
                if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<Item[]>(ct) is { } items)
                {
                    found.AddRange(items.Select(i => new ThemeCategory(theme, i.Name, i.Description)));
                }
            }
            catch (HttpRequestException)
            {
                // A theme that does not answer now offers no categories now; the page still shows the rest.
            }
        }

        return found;
    }

    private sealed record Item(string Name, string Description);
}
