using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;
using SafeCity.Contracts.Events;
using SafeCity.Kernel;

namespace SafeCity.Governance.ReadModel;

/// <summary>
/// The read model on MongoDB. A conditional upsert (match the id with an older revision) keeps only
/// newer revisions: when the held one is as new or newer, the upsert's insert meets the existing id
/// and fails with a duplicate key, which means "nothing to do".
/// </summary>
public sealed class MongoPerformanceReadModel(IMongoDatabase database) : IPerformanceReadModel
{
    // Keyed within each theme ("alcohol|20"): themes number the plans they add independently.
    private readonly IMongoCollection<BsonDocument> _plans = database.GetCollection<BsonDocument>("theme-plans");
    private readonly IMongoCollection<BsonDocument> _actions = database.GetCollection<BsonDocument>("theme-actions");
    private readonly IMongoCollection<BsonDocument> _history = database.GetCollection<BsonDocument>("theme-action-history");
    private readonly IMongoCollection<BsonDocument> _measurements = database.GetCollection<BsonDocument>("theme-measurements");
    private readonly IMongoCollection<BsonDocument> _version = database.GetCollection<BsonDocument>("model-version");
    private readonly IMongoCollection<BsonDocument> _figureVersions = database.GetCollection<BsonDocument>("figure-versions");

    public async Task<long> VersionAsync(CancellationToken ct) =>
        (await _version.Find(Builders<BsonDocument>.Filter.Eq("_id", "model")).FirstOrDefaultAsync(ct))?["version"].ToInt64() ?? 0;

    // Moved on after each change (not in its transaction: a reader may see the change a moment before the number moves).
    private Task MoveVersionAsync(CancellationToken ct) =>
        _version.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", "model"), Builders<BsonDocument>.Update.Inc("version", 1L), new UpdateOptions { IsUpsert = true }, ct);

    // One document per indicator ("alcohol|P1.I1"), moved after each change to its figures (like the model's version, not in the change's transaction).
    private Task MoveFigureVersionAsync(string theme, string indicatorId, CancellationToken ct) =>
        _figureVersions.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", theme + "|" + indicatorId),
            Builders<BsonDocument>.Update.Inc("version", 1L).Set("theme", theme).Set("indicatorId", indicatorId), new UpdateOptions { IsUpsert = true }, ct);

    public async Task<IReadOnlyDictionary<(string Theme, string IndicatorId), long>> FigureVersionsAsync(CancellationToken ct) =>
        (await _figureVersions.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(ct))
            .ToDictionary(d => (d["theme"].AsString, d["indicatorId"].AsString), d => d["version"].ToInt64());

    // One indicator's figures are read by theme and id (PartnershipPerformance re-reads only those that changed).
    // A model kept before figure versions were gives each indicator it holds figures for a first one.
    public async Task InitializeAsync(CancellationToken ct)
    {
        await _measurements.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("theme").Ascending("indicatorId")), cancellationToken: ct);
        var held = await _measurements.Aggregate()
            .Group(new BsonDocument { ["_id"] = new BsonDocument { ["theme"] = "$theme", ["indicatorId"] = "$indicatorId" } }).ToListAsync(ct);
        foreach (var indicator in held.Select(d => d["_id"].AsBsonDocument))
        {
            await _figureVersions.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", indicator["theme"].AsString + "|" + indicator["indicatorId"].AsString),
                Builders<BsonDocument>.Update.SetOnInsert("version", 1L).SetOnInsert("theme", indicator["theme"]).SetOnInsert("indicatorId", indicator["indicatorId"]),
                new UpdateOptions { IsUpsert = true }, ct);
        }
    }

    public async Task<bool> ApplyAsync(ActionPlanPublished published, CancellationToken ct)
    {
        var changed = await ReplaceIfNewerAsync(_plans, published.Theme + "|" + published.Plan.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), published.Revision, new BsonDocument
        {
            ["theme"] = published.Theme,
            ["number"] = published.Plan.Number,
            ["document"] = JsonSerializer.Serialize(PlanRecord.StructureOf(published.Plan), KernelJson.Options),
        }, ct);
        foreach (var action in published.Plan.Actions)
        {
            var record = ActionRecord.From(published.Theme, published.Plan.Number, action);
            changed |= await ApplyActionAsync(record, ct);
            if (action.Revision == 1)
            {
                changed |= await KeepRevisionAsync(record, ct);
            }
        }

        return changed;
    }

    public async Task<bool> ApplyAsync(ActionStatusChanged changed, CancellationToken ct)
    {
        var record = ActionRecord.From(changed);
        var kept = await KeepRevisionAsync(record, ct);
        return await ApplyActionAsync(record, ct) | kept;
    }

    private async Task<bool> KeepRevisionAsync(ActionRecord action, CancellationToken ct)
    {
        try
        {
            await _history.InsertOneAsync(new BsonDocument
            {
                ["_id"] = $"{action.Theme}|{action.Id}|{action.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                ["document"] = JsonSerializer.Serialize(action, KernelJson.Options),
            }, cancellationToken: ct);
            await MoveVersionAsync(ct);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<ActionRecord>> GetActionHistoryAsync(CancellationToken ct) =>
        (await _history.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(ct)).Select(d => JsonSerializer.Deserialize<ActionRecord>(d["document"].AsString, KernelJson.Options)!).ToList();

    public async Task<bool> ApplyAsync(MeasurementRecorded recorded, CancellationToken ct)
    {
        var changed = await ReplaceIfNewerAsync(_measurements, recorded.Theme + "|" + recorded.IndicatorId + "|" + recorded.Period, recorded.Revision, new BsonDocument
        {
            ["indicatorId"] = recorded.IndicatorId,
            ["theme"] = recorded.Theme,
            ["period"] = recorded.Period,
            ["value"] = recorded.Value,
            ["source"] = recorded.Source,
            ["recordedAt"] = recorded.RecordedAt.UtcDateTime,
        }, ct);
        if (changed)
        {
            await MoveFigureVersionAsync(recorded.Theme, recorded.IndicatorId, ct);
        }

        return changed;
    }

    public async Task<IReadOnlyList<PlanRecord>> GetPlansAsync(CancellationToken ct) =>
        (await _plans.Find(FilterDefinition<BsonDocument>.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("number")).ToListAsync(ct))
            .Select(d => new PlanRecord(d["theme"].AsString, d["revision"].ToInt64(), JsonSerializer.Deserialize<ActionPlanOutline>(d["document"].AsString, KernelJson.Options)!))
            .ToList();

    public async Task<IReadOnlyList<ActionRecord>> GetActionsAsync(CancellationToken ct) =>
        (await _actions.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(ct))
            .Select(d => JsonSerializer.Deserialize<ActionRecord>(d["document"].AsString, KernelJson.Options)!)
            .ToList();

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(CancellationToken ct) => FindMeasurementsAsync(FilterDefinition<BsonDocument>.Empty, ct);

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string theme, string indicatorId, CancellationToken ct) =>
        FindMeasurementsAsync(Builders<BsonDocument>.Filter.Eq("theme", theme) & Builders<BsonDocument>.Filter.Eq("indicatorId", indicatorId), ct);

    private async Task<IReadOnlyList<MeasurementRecord>> FindMeasurementsAsync(FilterDefinition<BsonDocument> filter, CancellationToken ct) =>
        (await _measurements.Find(filter).ToListAsync(ct))
            .Select(d => new MeasurementRecord(d["indicatorId"].AsString, d["theme"].AsString, d["period"].AsString, d["value"].ToDouble(), d["source"].AsString,
                new DateTimeOffset(d["recordedAt"].ToUniversalTime()), d["revision"].ToInt64()))
            .ToList();

    /// <summary>
    /// Not one transaction on MongoDB: the merge is worked out from what is held, then written
    /// collection by collection. An event applied in between is re-applied by its redelivery, or by the
    /// next rebuild.
    /// </summary>
    public async Task<ReplaceOutcome> ReplaceAsync(ReadModelSnapshot rebuilt, DateTimeOffset takenFrom, CancellationToken ct)
    {
        var outcome = ReplaceOutcome.Plan(await ReadModelSnapshot.TakeAsync(this, ct), rebuilt, takenFrom);
        await _plans.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, ct);
        await _actions.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, ct);
        await _measurements.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, ct);
        await _figureVersions.UpdateManyAsync(FilterDefinition<BsonDocument>.Empty, Builders<BsonDocument>.Update.Inc("version", 1L), cancellationToken: ct);
        await MoveVersionAsync(ct);
        foreach (var plan in outcome.Result.Plans)
        {
            await ReplaceIfNewerAsync(_plans, plan.Theme + "|" + plan.Plan.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), plan.Revision, new BsonDocument
            {
                ["theme"] = plan.Theme,
                ["number"] = plan.Plan.Number,
                ["document"] = JsonSerializer.Serialize(plan.Plan, KernelJson.Options),
            }, ct);
        }

        foreach (var action in outcome.Result.Actions)
        {
            await ApplyActionAsync(action, ct);
        }

        foreach (var h in outcome.Result.History)
        {
            await KeepRevisionAsync(h, ct);
        }

        foreach (var m in outcome.Result.Measurements)
        {
            await ApplyAsync(new MeasurementRecorded
            {
                EventId = Guid.Empty,
                Theme = m.Theme,
                IndicatorId = m.IndicatorId,
                Period = m.Period,
                Value = m.Value,
                Source = m.Source,
                Revision = m.Revision,
                RecordedAt = m.RecordedAt,
            }, ct);
        }

        return outcome;
    }

    private Task<bool> ApplyActionAsync(ActionRecord action, CancellationToken ct) =>
        ReplaceIfNewerAsync(_actions, action.Theme + "|" + action.Id, action.Revision, new BsonDocument
        {
            ["id"] = action.Id,
            ["theme"] = action.Theme,
            ["planNumber"] = action.PlanNumber,
            ["status"] = action.Status,
            ["rag"] = action.Rag,
            ["commentary"] = action.Commentary is null ? BsonNull.Value : action.Commentary,
            ["document"] = JsonSerializer.Serialize(action, KernelJson.Options),
        }, ct);

    private async Task<bool> ReplaceIfNewerAsync<TId>(IMongoCollection<BsonDocument> collection, TId id, long revision, BsonDocument fields, CancellationToken ct)
    {
        var key = BsonValue.Create(id);
        fields["_id"] = key;
        fields["revision"] = revision;
        var olderOnly = Builders<BsonDocument>.Filter.And(Builders<BsonDocument>.Filter.Eq("_id", key), Builders<BsonDocument>.Filter.Lt("revision", revision));
        try
        {
            var result = await collection.ReplaceOneAsync(olderOnly, fields, new ReplaceOptions { IsUpsert = true }, ct);
            var changed = result.ModifiedCount > 0 || result.UpsertedId is not null;
            if (changed)
            {
                await MoveVersionAsync(ct);
            }

            return changed;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }
}
