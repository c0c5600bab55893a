using MongoDB.Bson;
using MongoDB.Driver;
using SafeCity.Kernel.Outbox;

namespace SafeCity.Kernel.Storage.Mongo;

/// <summary>The outbox collection, numbered from a counter document inside the writer's transaction.</summary>
internal sealed class MongoOutbox(IMongoDatabase database)
{
    private readonly IMongoCollection<BsonDocument> _outbox = database.GetCollection<BsonDocument>("outbox");
    private readonly IMongoCollection<BsonDocument> _counters = database.GetCollection<BsonDocument>("counters");

    public Task InitializeAsync(CancellationToken ct) =>
        _outbox.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("dispatchedAt").Ascending("_id")), cancellationToken: ct);

    public async Task AppendAsync(IClientSessionHandle session, OutboxMessage message, CancellationToken ct)
    {
        var counter = await _counters.FindOneAndUpdateAsync(session,
            Builders<BsonDocument>.Filter.Eq("_id", "outbox"),
            Builders<BsonDocument>.Update.Inc("value", 1L),
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
            ct);
        await _outbox.InsertOneAsync(session, new BsonDocument
        {
            ["_id"] = counter["value"].ToInt64(),
            ["eventId"] = message.EventId.ToString(),
            ["messageType"] = message.MessageType,
            ["payload"] = message.Payload,
            ["createdAt"] = message.CreatedAt.UtcDateTime,
            ["dispatchedAt"] = BsonNull.Value,
            ["attempts"] = 0,
        }, cancellationToken: ct);
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetUndispatchedAsync(int max, CancellationToken ct)
    {
        var docs = await _outbox.Find(Builders<BsonDocument>.Filter.Eq("dispatchedAt", BsonNull.Value))
            .Sort(Builders<BsonDocument>.Sort.Ascending("_id")).Limit(max).ToListAsync(ct);
        return docs.Select(d => new OutboxMessage(Guid.Parse(d["eventId"].AsString), d["messageType"].AsString, d["payload"].AsString, new DateTimeOffset(d["createdAt"].ToUniversalTime()))
        {
            Sequence = d["_id"].ToInt64(),
            Attempts = d["attempts"].ToInt32(),
            LastError = d.GetValue("lastError", BsonNull.Value).IsBsonNull ? null : d["lastError"].AsString,
        }).ToList();
    }

    public Task MarkDispatchedAsync(long sequence, DateTimeOffset at, CancellationToken ct) =>
        _outbox.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", sequence), Builders<BsonDocument>.Update.Set("dispatchedAt", at.UtcDateTime), cancellationToken: ct);

    public Task RecordDispatchFailureAsync(long sequence, string error, CancellationToken ct) =>
        _outbox.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", sequence),
            Builders<BsonDocument>.Update.Inc("attempts", 1).Set("lastError", error), cancellationToken: ct);
}
