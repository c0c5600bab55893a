using MongoDB.Bson;
using MongoDB.Driver;

namespace SafeCity.AppHost;

/// <summary>Turns a fresh mongod started with --replSet into a one-member replica set, once it accepts connections.</summary>
public static class MongoReplicaSet
{
    public static async Task InitiateAsync(string address, CancellationToken ct)
    {
        var client = new MongoClient(address + "/?directConnection=true");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("replSetInitiate", new BsonDocument()), cancellationToken: ct);
                return;
            }
            catch (MongoCommandException e) when (e.CodeName == "AlreadyInitialized")
            {
                return;
            }
            catch (Exception e) when (attempt < 30 && e is MongoException or TimeoutException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
