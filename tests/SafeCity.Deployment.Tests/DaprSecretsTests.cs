using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SafeCity.Deployment.Tests;

/// <summary>
/// Secrets into configuration through the Dapr sidecar's HTTP API, with a stand-in sidecar on a free
/// port: what a service reads on Kubernetes, tested without a cluster.
/// </summary>
public sealed class DaprSecretsTests : IAsyncLifetime
{
    private StandInSidecar _sidecar = default!;
    private readonly ConcurrentQueue<string> _asked = new();
    private int _notReadyAnswers;

    private readonly Dictionary<string, Dictionary<string, string>> _store = new()
    {
        ["safecity-broker"] = new() { ["ConnectionStrings--broker"] = "amqp://safecity:s3cret@rabbitmq:5672/" },
        ["safecity-service-keys"] = new() { ["Identity--ServiceKeys"] = "k1=c2lnbmluZy1rZXktb2YtYXQtbGVhc3QtMzItYnl0ZXMh" },
    };

    public async Task InitializeAsync() => _sidecar = await StandInSidecar.StartAsync(app =>
    {
        app.MapGet("/v1.0/healthz/outbound", () =>
        {
            _asked.Enqueue("healthz");
            return Interlocked.Decrement(ref _notReadyAnswers) >= 0 ? Results.StatusCode(500) : Results.NoContent();
        });
        app.MapGet("/v1.0/secrets/{store}/{name}", (string store, string name) =>
        {
            _asked.Enqueue($"{store}/{name}");
            return store == "safecity-secrets" && _store.TryGetValue(name, out var secret)
                ? Results.Json(secret)
                : Results.Json(new { errorCode = "ERR_SECRET_GET", message = $"secret {name} not found" }, statusCode: 500);
        });
    });

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    private IConfiguration Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings);
        configuration.AddDaprSecrets();
        return configuration;
    }

    private Dictionary<string, string?> Settings(params string[] secrets)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dapr:SecretStore"] = "safecity-secrets",
            ["DAPR_HTTP_PORT"] = _sidecar.PortText,
            ["Dapr:SidecarWait"] = "00:00:05",
            ["ConnectionStrings:broker"] = "amqp://guest:guest@127.0.0.1:5672/",
        };
        for (var i = 0; i < secrets.Length; i++)
        {
            settings[$"Dapr:Secrets:{i}"] = secrets[i];
        }

        return settings;
    }

    [Fact]
    public void Each_named_secret_becomes_ordinary_configuration_keys_over_what_was_configured()
    {
        var configuration = Build(Settings("safecity-broker", "safecity-service-keys"));

        Assert.Equal("amqp://safecity:s3cret@rabbitmq:5672/", configuration.GetConnectionString("broker"));
        Assert.Equal("k1=c2lnbmluZy1rZXktb2YtYXQtbGVhc3QtMzItYnl0ZXMh", configuration["Identity:ServiceKeys"]);
        Assert.Equal(["healthz", "safecity-secrets/safecity-broker", "safecity-secrets/safecity-service-keys"], _asked);
    }

    [Fact]
    public void A_sidecar_not_yet_ready_is_waited_for()
    {
        _notReadyAnswers = 2;

        var configuration = Build(Settings("safecity-service-keys"));

        Assert.Equal("k1=c2lnbmluZy1rZXktb2YtYXQtbGVhc3QtMzItYnl0ZXMh", configuration["Identity:ServiceKeys"]);
        Assert.Equal(3, _asked.Count(a => a == "healthz"));
    }

    [Fact]
    public void A_missing_secret_stops_the_service_naming_the_secret_and_the_store()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(Settings("safecity-broker", "safecity-mongodb")));

        Assert.Contains("'safecity-mongodb'", error.Message);
        Assert.Contains("'safecity-secrets'", error.Message);
    }

    [Fact]
    public void A_sidecar_that_never_answers_stops_the_service_with_its_address()
    {
        var settings = Settings("safecity-broker");
        settings["DAPR_HTTP_PORT"] = "1";
        settings["Dapr:SidecarWait"] = "00:00:01";

        var error = Assert.Throws<InvalidOperationException>(() => Build(settings));

        Assert.Contains("http://127.0.0.1:1/", error.Message);
        Assert.Contains("safecity-broker", error.Message);
    }

    [Fact]
    public void Without_a_secret_store_nothing_is_asked_and_configuration_is_as_given()
    {
        var settings = Settings("safecity-broker");
        settings.Remove("Dapr:SecretStore");

        var configuration = Build(settings);

        Assert.Equal("amqp://guest:guest@127.0.0.1:5672/", configuration.GetConnectionString("broker"));
        Assert.Empty(_asked);
    }
}
