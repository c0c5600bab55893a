using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SafeCity.Alcohol;
using SafeCity.Kernel.Messaging;

namespace SafeCity.Kernel.Tests.Services;

/// <summary>The alcohol service in process, with its own SQLite folder and MassTransit's in-memory transport.</summary>
public sealed class AlcoholServiceFactory : WebApplicationFactory<AlcoholTheme>
{
    private readonly TempDirectory _data = new();

    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SAFECITY_DATA_DIR", _data.Path);
        builder.UseSetting("ConnectionStrings:" + BusRegistration.BrokerConnectionName, BusRegistration.InMemory);
        // These tests are about the service, not sign-in (RoleTests and AccessMatrixTests are): they call anonymously.
        builder.UseSetting("Access:AllowAnonymous", "true");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
