using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SafeCity.Deployment.Tests;

/// <summary>An HTTP server on a free loopback port standing in for a pod's Dapr sidecar: the test maps what it answers.</summary>
public sealed class StandInSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInSidecar(WebApplication app) => _app = app;

    public static async Task<StandInSidecar> StartAsync(Action<WebApplication> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        answer(app);
        await app.StartAsync();
        return new StandInSidecar(app);
    }

    public int Port => new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;

    public string PortText => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
