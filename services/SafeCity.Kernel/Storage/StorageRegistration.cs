using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using SafeCity.Kernel.Storage.Sqlite;

namespace SafeCity.Kernel.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// Reads where the service keeps its data: ConnectionStrings:mongodb selects MongoDB; otherwise
    /// SQLite in SAFECITY_DATA_DIR (or Storage:DataDirectory, default ".safecity").
    /// </summary>
    public static StorageOptions AddStorageOptions(this IHostApplicationBuilder builder, string databaseName)
    {
        var options = new StorageOptions { DatabaseName = databaseName };
        builder.Configuration.GetSection(StorageOptions.Section).Bind(options);
        options.DataDirectory = builder.Configuration["SAFECITY_DATA_DIR"] is { Length: > 0 } dir ? dir : options.DataDirectory;
        options.MongoConnectionString ??= builder.Configuration.GetConnectionString("mongodb");
        builder.Services.AddSingleton(options);
        if (options.UsesMongo)
        {
            builder.Services.AddSingleton<IMongoClient>(_ => new MongoClient(options.MongoConnectionString));
            builder.Services.AddSingleton(sp => sp.GetRequiredService<IMongoClient>().GetDatabase(databaseName));
        }
        else
        {
            builder.Services.AddSingleton(sp => new SqliteDatabase(options.SqliteFile, options.MaxSizeMegabytes) { Signal = sp.GetService<Outbox.OutboxSignal>() });
            // Registered before the services' own start-up work, so that a damaged file stops the service first.
            builder.Services.AddHostedService<SqliteStoreCheck>();
        }

        return options;
    }
}

/// <summary>Refuses to start on a damaged store, saying so once in plain words rather than in a stack trace.</summary>
public sealed class SqliteStoreCheck(SqliteDatabase database, ILogger<SqliteStoreCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.EnsureUsableAsync(cancellationToken);
        }
        catch (StoreUnusableException ex)
        {
            logger.LogCritical("{Message}", ex.Message);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
