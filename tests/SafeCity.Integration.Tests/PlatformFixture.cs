using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Net.Client;
using SafeCity.LocalPlatform;

namespace SafeCity.Integration.Tests;

/// <summary>One running platform (broker, services, gateway) shared by the tests of a collection.</summary>
public class PlatformFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("safecity-it-").FullName;

    public LocalPlatformHost Platform { get; private set; } = default!;

    /// <summary>The platform's data folder.</summary>
    protected string DataDirectory => _data;
    public HttpClient Gateway { get; private set; } = default!;
    public HttpClient Alcohol { get; private set; } = default!;

    /// <summary>Settings of this collection's platform beyond the common ones.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>RabbitMQ nodes of this collection's platform: 1, or a cluster.</summary>
    protected virtual int BrokerNodes => 1;

    public virtual async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            // Quicker retries than production, so that tests of the broker's absence finish sooner.
            ["Outbox__PublishTimeout"] = "00:00:02",
            ["Outbox__MaxBackoff"] = "00:00:02",
            ["Outbox__PollInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        Platform = await LocalPlatformHost.StartAsync(new LocalPlatformOptions { DataDirectory = _data, Settings = settings, BrokerNodes = BrokerNodes });
        Gateway = GatewayClient(Platform.GatewayHttp);
        Alcohol = SignedCalls.ToService(Platform.Keys, "alcohol");
        Alcohol.BaseAddress = Platform.Endpoints["alcohol"].Http;
    }

    /// <summary>A client of the gateway that calls as the platform's operator (bearer tokens of minutes, made afresh).</summary>
    public HttpClient GatewayClient(Uri address, TimeSpan? timeout = null)
    {
        var client = SignedCalls.ToGateway(Platform.Keys.OperatorKeys);
        client.BaseAddress = address;
        client.Timeout = timeout ?? client.Timeout;
        return client;
    }

    /// <summary>An operator's bearer token for the gateway, for gRPC metadata.</summary>
    public string OperatorToken() => Platform.Keys.OperatorToken();

    /// <summary>A gRPC channel to the gateway that calls as the operator.</summary>
    public GrpcChannel Channel() =>
        GrpcChannel.ForAddress(Platform.GatewayGrpc, new GrpcChannelOptions { HttpClient = SignedCalls.ToGateway(Platform.Keys.OperatorKeys), DisposeHttpClient = true });

    /// <summary>Governance's view of one indicator, from GET /api/governance/performance.</summary>
    public async Task<JsonElement?> GovernanceIndicatorAsync(string indicatorId)
    {
        var tree = await Gateway.GetFromJsonAsync<JsonElement>("/api/governance/performance");
        return tree.GetProperty("priorities").EnumerateArray()
            .SelectMany(p => p.GetProperty("plans").EnumerateArray())
            .SelectMany(p => p.GetProperty("indicators").EnumerateArray())
            .Select(i => (JsonElement?)i)
            .FirstOrDefault(i => i!.Value.GetProperty("id").GetString() == indicatorId);
    }

    /// <summary>A measurement event as a theme would publish it, for tests that publish straight onto the broker.</summary>
    public static SafeCity.Contracts.Events.MeasurementRecorded Recorded(string theme, string indicatorId, string period, double value, long revision) => new()
    {
        EventId = Guid.NewGuid(),
        Theme = theme,
        IndicatorId = indicatorId,
        Period = period,
        Value = value,
        Source = "entered",
        Revision = revision,
        RecordedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Polls until the condition holds or the time is up; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // A service restarting; ask again.
            }

            await Task.Delay(250);
        }

        return await condition();
    }

    public virtual async Task DisposeAsync()
    {
        Gateway?.Dispose();
        Alcohol?.Dispose();
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
