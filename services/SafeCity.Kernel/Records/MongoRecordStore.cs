using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;

namespace SafeCity.Kernel.Records;

public sealed class MongoRecordStore(IMongoDatabase database, RecordTallies tallies) : IRecordStore
{
    private readonly IMongoCollection<BsonDocument> _records = database.GetCollection<BsonDocument>("records");
    private readonly IMongoCollection<BsonDocument> _tallies = database.GetCollection<BsonDocument>("record_tallies");
    private readonly IMongoCollection<BsonDocument> _talliesBuilt = database.GetCollection<BsonDocument>("record_tallies_built");
    private readonly Storage.Mongo.MongoOutbox _audit = new(database);

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _records.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("month").Ascending("category")), cancellationToken: ct);
        await _tallies.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("month")), cancellationToken: ct);
        var built = await _talliesBuilt.Find(FilterDefinition<BsonDocument>.Empty).FirstOrDefaultAsync(ct);
        if (built?["fingerprint"].AsString == tallies.Fingerprint)
        {
            return;
        }

        // Not one transaction (as the records' batches are not): a start interrupted here does it again.
        await _talliesBuilt.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, ct);
        await _tallies.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, ct);
        var sums = new Dictionary<(string Measure, string Month), Tally>();
        using (var cursor = await _records.Find(FilterDefinition<BsonDocument>.Empty).ToCursorAsync(ct))
        {
            while (await cursor.MoveNextAsync(ct))
            {
                RecordTallies.Merge(sums, tallies.Sum(cursor.Current.Select(Read)));
            }
        }

        await AddTalliesAsync(sums, ct);
        await _talliesBuilt.InsertOneAsync(new BsonDocument("fingerprint", tallies.Fingerprint), cancellationToken: ct);
    }

    private async Task AddTalliesAsync(Dictionary<(string Measure, string Month), Tally> sums, CancellationToken ct)
    {
        if (sums.Count == 0)
        {
            return;
        }

        await _tallies.BulkWriteAsync(sums.Select(s => new UpdateOneModel<BsonDocument>(
            ById(s.Key.Measure + "|" + s.Key.Month),
            Builders<BsonDocument>.Update.SetOnInsert("measure", s.Key.Measure).SetOnInsert("month", s.Key.Month)
                .Inc("records", s.Value.Records).Inc("a", s.Value.A).Inc("b", s.Value.B))
        { IsUpsert = true }), cancellationToken: ct);
    }

    public async Task<IReadOnlyDictionary<string, Tally>> TallyAsync(string fromMonth, string toMonth, CancellationToken ct) =>
        (await _tallies.Find(Builders<BsonDocument>.Filter.Gte("month", fromMonth) & Builders<BsonDocument>.Filter.Lte("month", toMonth)).ToListAsync(ct))
            .GroupBy(d => d["measure"].AsString, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate(default(Tally), (sum, d) => sum + new Tally(d["records"].ToInt64(), d["a"].ToInt64(), d["b"].ToInt64())), StringComparer.Ordinal);

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

        // Records are not written in a transaction here (a batch may be large), so the audit entry and the tallies follow them.
        if (audit is not null && outcomes.Contains(RecordOutcome.Accepted))
        {
            await _audit.AppendAuditAsync(audit, ct);
        }

        await AddTalliesAsync(tallies.Sum(records.Where((_, i) => outcomes[i] == RecordOutcome.Accepted)), ct);
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
        var moved = tallies.Sum([held], sign: -1);
        RecordTallies.Merge(moved, tallies.Sum([stored]));

        await AddTalliesAsync(moved, ct);
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

    public async Task<IReadOnlyList<RecordPlace>> PlacesAsync(string fromMonth, string toMonth, CancellationToken ct) =>
        (await _records.Find(Builders<BsonDocument>.Filter.Gte("month", fromMonth) & Builders<BsonDocument>.Filter.Lte("month", toMonth))
            .Project(Builders<BsonDocument>.Projection.Include("document")).ToListAsync(ct))
        .Select(Read).Select(r => new RecordPlace(r.Latitude, r.Longitude, r.OccurredAt)).ToList();

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
