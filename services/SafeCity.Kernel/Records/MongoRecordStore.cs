using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;

namespace SafeCity.Kernel.Records;

public sealed class MongoRecordStore(IMongoDatabase database) : IRecordStore
{
    private readonly IMongoCollection<BsonDocument> _records = database.GetCollection<BsonDocument>("records");
    private readonly Storage.Mongo.MongoOutbox _audit = new(database);

    public Task InitializeAsync(CancellationToken ct) =>
        _records.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("month").Ascending("category")), cancellationToken: ct);

    public async Task<IReadOnlyList<RecordOutcome>> AddAsync(IReadOnlyList<PartnerRecord> records, Audit.AuditEntry? audit, CancellationToken ct)
    {
        // One unordered bulk insert: duplicates fail alone, by their _id, and the rest go in.
        var outcomes = Enumerable.Repeat(RecordOutcome.Accepted, records.Count).ToArray();
        if (records.Count == 0)
        {
            return outcomes;
        }

        try
        {
            await _records.InsertManyAsync(records.Select(ToDocument), new InsertManyOptions { IsOrdered = false }, ct);
        }
        catch (MongoBulkWriteException<BsonDocument> e)
        {
            foreach (var error in e.WriteErrors)
            {
                if (error.Category != ServerErrorCategory.DuplicateKey)
                {
                    throw;
                }

                outcomes[error.Index] = RecordOutcome.Duplicate;
            }
        }

        // Records are not written in a transaction here (a batch may be large), so the audit entry follows them.
        if (audit is not null && outcomes.Contains(RecordOutcome.Accepted))
        {
            await _audit.AppendAuditAsync(audit, ct);
        }

        return outcomes;
    }

    public async Task<PartnerRecord?> CorrectAsync(PartnerRecord corrected, Audit.AuditEntry? audit, CancellationToken ct)
    {
        var held = await GetAsync(corrected.Source, corrected.Reference, ct);
        if (held is null)
        {
            return null;
        }

        var stored = corrected with { Revision = held.Revision + 1 };
        await _records.ReplaceOneAsync(ById(stored.Key), ToDocument(stored), cancellationToken: ct);
        if (audit is not null)
        {
            await _audit.AppendAuditAsync(audit, ct);
        }

        return stored;
    }

    public async Task<PartnerRecord?> GetAsync(string source, string reference, CancellationToken ct)
    {
        var doc = await _records.Find(ById(source + "|" + reference)).FirstOrDefaultAsync(ct);
        return doc is null ? null : Read(doc);
    }

    public async Task<IReadOnlyList<PartnerRecord>> FindAsync(RecordQuery query, CancellationToken ct)
    {
        var filter = Builders<BsonDocument>.Filter.Gte("month", query.FromMonth) & Builders<BsonDocument>.Filter.Lte("month", query.ToMonth);
        if (query.Categories is { Count: > 0 } categories)
        {
            filter &= Builders<BsonDocument>.Filter.In("category", categories);
        }

        if (query.LsoaCode is { } lsoa)
        {
            filter &= Builders<BsonDocument>.Filter.Eq("lsoaCode", lsoa);
        }

        var docs = await _records.Find(filter).Sort(Builders<BsonDocument>.Sort.Descending("month").Ascending("category").Ascending("reference"))
            .Skip(query.Offset).Limit(query.Limit == int.MaxValue ? null : query.Limit).ToListAsync(ct);
        return docs.Select(Read).ToList();
    }

    public async Task<IReadOnlyList<RecordCount>> CountAsync(string fromMonth, string toMonth, CancellationToken ct)
    {
        var rows = await _records.Aggregate()
            .Match(Builders<BsonDocument>.Filter.Gte("month", fromMonth) & Builders<BsonDocument>.Filter.Lte("month", toMonth))
            .Group(new BsonDocument { ["_id"] = new BsonDocument { ["month"] = "$month", ["category"] = "$category" }, ["count"] = new BsonDocument("$sum", 1) })
            .ToListAsync(ct);
        return rows.Select(r => new RecordCount(r["_id"]["month"].AsString, r["_id"]["category"].AsString, r["count"].ToInt32()))
            .OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Category, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<LocationCount>> TopLocationsAsync(string fromMonth, string toMonth, LocationLevel level, int top, CancellationToken ct)
    {
        var key = level == LocationLevel.Street ? "location" : "lsoaCode";
        var rows = await _records.Aggregate()
            .Match(Builders<BsonDocument>.Filter.Gte("month", fromMonth) & Builders<BsonDocument>.Filter.Lte("month", toMonth) & Builders<BsonDocument>.Filter.Ne(key, BsonNull.Value))
            .Group(new BsonDocument { ["_id"] = "$" + key, ["name"] = new BsonDocument("$max", "$lsoaName"), ["count"] = new BsonDocument("$sum", 1) })
            .Sort(new BsonDocument { ["count"] = -1, ["_id"] = 1 })
            .Limit(top)
            .ToListAsync(ct);
        return rows.Select(r => level == LocationLevel.Street
            ? new LocationCount(r["_id"].AsString, null, r["count"].ToInt32())
            : new LocationCount(r["name"].IsBsonNull ? r["_id"].AsString : r["name"].AsString, r["_id"].AsString, r["count"].ToInt32())).ToList();
    }

    public async Task<IReadOnlyList<string>> MonthsAsync(CancellationToken ct) =>
        (await _records.Distinct<string>("month", FilterDefinition<BsonDocument>.Empty, cancellationToken: ct).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();

    private static FilterDefinition<BsonDocument> ById(string key) => Builders<BsonDocument>.Filter.Eq("_id", key);

    private static BsonDocument ToDocument(PartnerRecord record) => new()
    {
        ["_id"] = record.Key,
        ["reference"] = record.Reference,
        ["month"] = record.Month,
        ["category"] = record.Category,
        ["lsoaCode"] = record.LsoaCode is null ? BsonNull.Value : record.LsoaCode,
        ["lsoaName"] = record.LsoaName is null ? BsonNull.Value : record.LsoaName,
        ["location"] = record.Location is null ? BsonNull.Value : record.Location,
        ["document"] = JsonSerializer.Serialize(record, KernelJson.Options),
    };

    private static PartnerRecord Read(BsonDocument doc) =>
        JsonSerializer.Deserialize<PartnerRecord>(doc["document"].AsString, KernelJson.Options) ?? throw new InvalidDataException("An empty record was stored.");
}
