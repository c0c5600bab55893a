using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Secrets from a Dapr secret store, read through the pod's sidecar when the service starts and laid
/// over its configuration: the services go on reading ordinary keys (<c>ConnectionStrings:broker</c>,
/// <c>Identity:ServiceKeys</c>) and never call Dapr themselves. Each secret named in
/// <c>Dapr:Secrets</c> is read from the store <c>Dapr:SecretStore</c>; every key it holds becomes a
/// configuration key, with <c>--</c> standing for <c>:</c> (Kubernetes does not allow ':' in a
/// Secret's keys). Without <c>Dapr:SecretStore</c> nothing is read (running here, under Aspire, in tests).
/// </summary>
public static class DaprSecrets
{
    public const string StoreKey = "Dapr:SecretStore";
    public const string SecretsKey = "Dapr:Secrets";

    /// <summary>How long to wait for the sidecar, which may start after the service (Dapr:SidecarWait, default 60 s).</summary>
    public const string WaitKey = "Dapr:SidecarWait";

    /// <summary>Adds the store's secrets to the configuration when one is named; the sidecar's port is DAPR_HTTP_PORT, which Dapr's injector sets.</summary>
    public static IConfigurationBuilder AddDaprSecrets(this IConfigurationManager configuration)
    {
        var store = configuration[StoreKey];
        if (string.IsNullOrWhiteSpace(store))
        {
            return configuration;
        }

        var secrets = configuration.GetSection(SecretsKey).GetChildren().Select(c => c.Value).OfType<string>().Where(s => s.Length > 0).ToList();
        var port = configuration["DAPR_HTTP_PORT"] is { Length: > 0 } given ? given : "3500";
        var wait = TimeSpan.TryParse(configuration[WaitKey], System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : TimeSpan.FromSeconds(60);
        return configuration.Add(new DaprSecretsSource(new Uri($"http://127.0.0.1:{port}/"), store, secrets, wait, DaprInvocation.ApiToken(configuration)));
    }

    private sealed class DaprSecretsSource(Uri sidecar, string store, IReadOnlyList<string> secrets, TimeSpan wait, string? token) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new DaprSecretsProvider(sidecar, store, secrets, wait, token);
    }

    private sealed class DaprSecretsProvider(Uri sidecar, string store, IReadOnlyList<string> secrets, TimeSpan wait, string? token) : ConfigurationProvider
    {
        // Configuration is loaded synchronously while the host is built; the sidecar is on the pod's loopback.
        public override void Load() => Data = ReadAsync().GetAwaiter().GetResult();

        private async Task<Dictionary<string, string?>> ReadAsync()
        {
            using var http = new HttpClient { BaseAddress = sidecar, Timeout = TimeSpan.FromSeconds(10) };
            if (token is not null)
            {
                // Every sidecar has an API token: without it the sidecar answers nothing but its health.
                http.DefaultRequestHeaders.Add(DaprInvocation.ApiTokenHeader, token);
            }

            await WaitForSidecarAsync(http);
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var secret in secrets)
            {
                using var response = await http.GetAsync($"v1.0/secrets/{Uri.EscapeDataString(store)}/{Uri.EscapeDataString(secret)}");
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException(
                        $"The secret '{secret}' could not be read from the Dapr secret store '{store}' ({(int)response.StatusCode}): {Shorten(body)}. Check that it exists and that the store's scopes and the service's allowed secrets include it.");
                }

                foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(body) ?? [])
                {
                    data[key.Replace("--", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
                }
            }

            return data;
        }

        // The sidecar answers its outbound health with 204 once its components (the secret store) are loaded.
        private async Task WaitForSidecarAsync(HttpClient http)
        {
            var until = DateTimeOffset.UtcNow + wait;
            string last = "no answer";
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync("v1.0/healthz/outbound");
                    if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK)
                    {
                        return;
                    }

                    last = $"HTTP {(int)response.StatusCode}";
                }
                catch (HttpRequestException e)
                {
                    last = e.Message;
                }

                if (DateTimeOffset.UtcNow >= until)
                {
                    throw new InvalidOperationException($"The Dapr sidecar at {sidecar} was not ready within {wait.TotalSeconds:0} s ({last}), so the secrets {string.Join(", ", secrets)} could not be read from '{store}'.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }

        private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
    }
}
