using SafeCity.Kernel.Storage;
using SafeCity.Kernel.Storage.Mongo;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Storage;

/// <summary>The same contract on MongoDB (a replica set: the store writes in transactions).</summary>
public sealed class MongoThemeStoreTests : ThemeStoreContract, IDisposable
{
    private readonly MongoTestServer _server = new();

    protected override async Task<IThemeStore> NewStoreAsync()
    {
        var store = new MongoThemeStore(_server.NewDatabase());
        await store.InitializeAsync(Ct);
        return store;
    }

    public void Dispose() => _server.Dispose();
}
