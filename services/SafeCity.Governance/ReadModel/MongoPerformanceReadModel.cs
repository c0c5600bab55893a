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
    private readonly IMongoCollection<BsonDocument> _measurements = database.GetCollection<BsonDocument>("theme-measurements");
    private readonly IMongoCollection<BsonDocument> _version = database.GetCollection<BsonDocument>("model-version");

    public async Task<long> VersionAsync(CancellationToken ct) =>
        (await _version.Find(Builders<BsonDocument>.Filter.Eq("_id", "model")).FirstOrDefaultAsync(ct))?["version"].ToInt64() ?? 0;

    // Moved on after each change (not in its transaction: a reader may see the change a moment before the number moves).
    private Task MoveVersionAsync(CancellationToken ct) =>
        _version.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", "model"), Builders<BsonDocument>.Update.Inc("version", 1L), new UpdateOptions { IsUpsert = true }, ct);

    public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;

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
            changed |= await ApplyActionAsync(new ActionRecord(action.Id, published.Theme, published.Plan.Number, action.Status, action.Rag, action.Commentary, action.Revision), ct);
        }

        return changed;
    }

    public Task<bool> ApplyAsync(ActionStatusChanged changed, CancellationToken ct) =>
        ApplyActionAsync(new ActionRecord(changed.ActionId, changed.Theme, changed.PlanNumber, changed.Status, changed.Rag, changed.Commentary, changed.Revision), ct);

    public Task<bool> ApplyAsync(MeasurementRecorded recorded, CancellationToken ct) =>
        ReplaceIfNewerAsync(_measurements, recorded.Theme + "|" + recorded.IndicatorId + "|" + recorded.Period, recorded.Revision, new BsonDocument
        {
            ["indicatorId"] = recorded.IndicatorId,
            ["theme"] = recorded.Theme,
            ["period"] = recorded.Period,
            ["value"] = recorded.Value,
            ["source"] = recorded.Source,
            ["recordedAt"] = recorded.RecordedAt.UtcDateTime,
        }, ct);

    public async Task<IReadOnlyList<PlanRecord>> GetPlansAsync(CancellationToken ct) =>
        (await _plans.Find(FilterDefinition<BsonDocument>.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("number")).ToListAsync(ct))
            .Select(d => new PlanRecord(d["theme"].AsString, d["revision"].ToInt64(), JsonSerializer.Deserialize<ActionPlanOutline>(d["document"].AsString, KernelJson.Options)!))
            .ToList();

    public async Task<IReadOnlyList<ActionRecord>> GetActionsAsync(CancellationToken ct) =>
        (await _actions.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(ct))
            .Select(d => new ActionRecord(d["id"].AsString, d["theme"].AsString, d["planNumber"].ToInt32(), d["status"].AsString, d["rag"].AsString,
                d["commentary"].IsBsonNull ? null : d["commentary"].AsString, d["revision"].ToInt64()))
            .ToList();

    public async Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(CancellationToken ct) =>
        (await _measurements.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(ct))
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
