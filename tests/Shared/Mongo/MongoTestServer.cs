using MongoDB.Driver;

namespace SafeCity.Testing;

/// <summary>
/// The MongoDB server named by SAFECITY_TEST_MONGODB, if any: each test takes a database of its own,
/// dropped afterwards. Where none is named, the test is reported skipped with the reason.
/// </summary>
public sealed class MongoTestServer : IDisposable
{
    public const string Variable = "SAFECITY_TEST_MONGODB";

    private readonly List<string> _databases = [];
    private readonly MongoClient? _client = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? new MongoClient(cs) : null;

    public static string SkipReason => $"{Variable} does not name a MongoDB server, and none runs on this machine: the MongoDB half of the storage contract was not run.";

    public IMongoDatabase NewDatabase()
    {
        Skip.If(_client is null, SkipReason);
        var name = "safecity-test-" + Guid.NewGuid().ToString("N")[..12];
        _databases.Add(name);
        return _client!.GetDatabase(name);
    }

    public void Dispose()
    {
        foreach (var name in _databases)
        {
            _client?.DropDatabase(name);
        }
    }
}
