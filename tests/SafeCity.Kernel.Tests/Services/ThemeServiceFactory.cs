using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SafeCity.Kernel.Messaging;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Services;

/// <summary>A theme service in process (by a type of its assembly), with its own SQLite folder and MassTransit's in-memory transport.</summary>
public class ThemeServiceFactory<TTheme> : WebApplicationFactory<TTheme> where TTheme : class
{
    private readonly TempDirectory _data = new();

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The service's clock, where a test needs its changes made on given days.</summary>
    public TimeProvider? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SAFECITY_DATA_DIR", _data.Path);
        builder.UseSetting("ConnectionStrings:" + BusRegistration.BrokerConnectionName, BusRegistration.InMemory);
        // These tests are about the service, not sign-in (RoleTests and AccessMatrixTests are): they call anonymously.
        builder.UseSetting("Access:AllowAnonymous", "true");
        builder.UseTestIdentity();
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
