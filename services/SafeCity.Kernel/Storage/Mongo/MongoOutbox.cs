using MongoDB.Bson;
using MongoDB.Driver;
using SafeCity.Kernel.Outbox;

namespace SafeCity.Kernel.Storage.Mongo;

/// <summary>
/// The outbox and audit collections, numbered from counter documents inside the writer's
/// transaction, so that an event and its audit entry are kept with the change or not at all.
/// </summary>
public sealed class MongoOutbox(IMongoDatabase database) : IOutboxStore
{
    private readonly IMongoCollection<BsonDocument> _outbox = database.GetCollection<BsonDocument>("outbox");
    private readonly IMongoCollection<BsonDocument> _counters = database.GetCollection<BsonDocument>("counters");
    private readonly IMongoCollection<BsonDocument> _audit = database.GetCollection<BsonDocument>("audit");

    public Task InitializeAsync(CancellationToken ct) =>
        _outbox.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("dispatchedAt").Ascending("_id")), cancellationToken: ct);

    internal async Task AppendAsync(IClientSessionHandle session, Audit.Change change, CancellationToken ct)
    {
        var message = change.Event;
        await _outbox.InsertOneAsync(session, new BsonDocument
        {
            ["_id"] = await NextAsync(session, "outbox", ct),
            ["eventId"] = message.EventId.ToString(),
            ["messageType"] = message.MessageType,
            ["payload"] = message.Payload,
            ["createdAt"] = message.CreatedAt.UtcDateTime,
            ["dispatchedAt"] = BsonNull.Value,
            ["attempts"] = 0,
        }, cancellationToken: ct);
        if (change.Audit is { } audit)
        {
            await InsertAuditAsync(session, audit, ct);
        }
    }

    private async Task InsertAuditAsync(IClientSessionHandle session, Audit.AuditEntry audit, CancellationToken ct) =>
            await _audit.InsertOneAsync(session, new BsonDocument
            {
                ["_id"] = await NextAsync(session, "audit", ct),
                ["at"] = audit.At.UtcDateTime,
                ["actor"] = audit.Actor,
                ["action"] = audit.Action,
                ["subject"] = audit.Subject,
                ["before"] = audit.Before is null ? BsonNull.Value : audit.Before,
                ["after"] = audit.After is null ? BsonNull.Value : audit.After,
            }, cancellationToken: ct);

    /// <summary>An audit entry written on its own, for writes that are not in a transaction.</summary>
    public async Task AppendAuditAsync(Audit.AuditEntry audit, CancellationToken ct)
    {
        using var session = await database.Client.StartSessionAsync(cancellationToken: ct);
        await InsertAuditAsync(session, audit, ct);
    }

    public async Task<IReadOnlyList<Audit.AuditEntry>> ReadAuditAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        var docs = await _audit.Find(Builders<BsonDocument>.Filter.Gte("at", from.UtcDateTime) & Builders<BsonDocument>.Filter.Lt("at", to.UtcDateTime))
            .Sort(Builders<BsonDocument>.Sort.Descending("_id")).Limit(limit).ToListAsync(ct);
        return docs.Select(d => new Audit.AuditEntry(new DateTimeOffset(d["at"].ToUniversalTime()), d["actor"].AsString, d["action"].AsString, d["subject"].AsString,
            d["before"].IsBsonNull ? null : d["before"].AsString, d["after"].IsBsonNull ? null : d["after"].AsString)
        { Sequence = d["_id"].ToInt64() }).ToList();
    }

    private async Task<long> NextAsync(IClientSessionHandle session, string counter, CancellationToken ct) =>
        (await _counters.FindOneAndUpdateAsync(session,
            Builders<BsonDocument>.Filter.Eq("_id", counter),
            Builders<BsonDocument>.Update.Inc("value", 1L),
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
            ct))["value"].ToInt64();

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

    public async Task<OutboxBacklog> GetBacklogAsync(CancellationToken ct)
    {
        var waiting = Builders<BsonDocument>.Filter.Eq("dispatchedAt", BsonNull.Value);
        var count = (int)await _outbox.CountDocumentsAsync(waiting, cancellationToken: ct);
        var oldest = count == 0 ? null : await _outbox.Find(waiting).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).Limit(1).FirstOrDefaultAsync(ct);
        return oldest is null
            ? OutboxBacklog.Empty
            : new OutboxBacklog(count, new DateTimeOffset(oldest["createdAt"].ToUniversalTime()), oldest.GetValue("lastError", BsonNull.Value).IsBsonNull ? null : oldest["lastError"].AsString);
    }
}
