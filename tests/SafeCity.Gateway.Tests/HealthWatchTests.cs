using Microsoft.Extensions.Logging.Abstractions;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Tests;

/// <summary>
/// The watch behind /status and governance's notices: a call that fails in a way nobody foresaw (the
/// resilience pipeline's open circuit, say) counts its service down and never stops the watch, whose
/// failure would stop the host it runs in.
/// </summary>
public sealed class HealthWatchTests
{
    [Fact]
    public async Task A_call_that_fails_in_an_unforeseen_way_counts_its_service_down_and_the_watch_goes_on()
    {
        var watch = new Watch(new Throwing(new InvalidOperationException("The circuit is now open and is not allowing calls.")));

        await watch.CheckAsync(CancellationToken.None);
        await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(["alcohol", "youth"], watch.Seen().Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(watch.Seen(), s => Assert.Equal((false, "not reachable: InvalidOperationException", (EventPathReport?)null), (s.Up, s.Detail, s.EventPath)));
    }

    private sealed class Watch(HttpMessageHandler handler) : HealthWatch(new Clients(handler), TimeProvider.System, NullLogger.Instance)
    {
        public override IReadOnlyList<string> Watched => ["alcohol", "youth"];

        protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

        protected override TimeSpan Patience => TimeSpan.FromSeconds(1);
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class Throwing(Exception failure) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => throw failure;
    }
}
