using Microsoft.Extensions.Options;
using SafeCity.Contracts.Events;
using SafeCity.Kernel;

namespace SafeCity.Governance.Rebuild;

/// <summary>Where a rebuild gets each theme's current state.</summary>
public interface IThemeStateSource
{
    IReadOnlyList<string> Themes { get; }

    Task<ThemeState> FetchAsync(string theme, CancellationToken ct);
}

/// <summary>
/// Asks a theme service for GET /api/{theme}/state, signed as the governance service for that theme
/// (a service token: reading needs no particular role).
/// </summary>
public sealed class HttpThemeStateSource(HttpClient http, IOptions<GovernanceOptions> options, ServiceDefaults.ServiceCalls calls) : IThemeStateSource
{
    public IReadOnlyList<string> Themes => options.Value.Themes;

    public async Task<ThemeState> FetchAsync(string theme, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{theme}/api/{theme}/state"));
        calls.Sign(request, theme);

        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ThemeUnavailableException(theme, $"answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return await response.Content.ReadFromJsonAsync<ThemeState>(KernelJson.Options, ct)
            ?? throw new ThemeUnavailableException(theme, "answered with nothing");
    }
}

public sealed class ThemeUnavailableException(string theme, string problem, Exception? inner = null)
    : Exception($"The {theme} service {problem}; nothing was changed.", inner)
{
    public string Theme { get; } = theme;
}
