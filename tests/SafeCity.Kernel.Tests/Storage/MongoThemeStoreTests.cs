using MongoDB.Driver;
using SafeCity.Kernel.Storage;
using SafeCity.Kernel.Storage.Mongo;

namespace SafeCity.Kernel.Tests.Storage;

/// <summary>
/// The same contract on MongoDB, where SAFECITY_TEST_MONGODB names a server (a replica set: the store
/// writes in transactions). Each test gets a database of its own, dropped afterwards.
/// </summary>
public sealed class MongoThemeStoreTests : ThemeStoreContract, IDisposable
{
    public const string Variable = "SAFECITY_TEST_MONGODB";
    private readonly List<string> _databases = [];
    private readonly MongoClient? _client = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? new MongoClient(cs) : null;

    public static string SkipReason => $"{Variable} does not name a MongoDB server, and none runs on this machine: the MongoDB half of the storage contract was not run.";

    protected override async Task<IThemeStore> NewStoreAsync()
    {
        Skip.If(_client is null, SkipReason);
        var name = "safecity-test-" + Guid.NewGuid().ToString("N")[..12];
        _databases.Add(name);
        var store = new MongoThemeStore(_client!.GetDatabase(name));
        await store.InitializeAsync(Ct);
        return store;
    }

    public void Dispose()
    {
        foreach (var name in _databases)
        {
            _client?.DropDatabase(name);
        }
    }
}
