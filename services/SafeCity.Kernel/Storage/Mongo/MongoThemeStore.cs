using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Outbox;

namespace SafeCity.Kernel.Storage.Mongo;

/// <summary>
/// The theme store on MongoDB. Changes and their outbox messages are written in one multi-document
/// transaction, which needs a replica set (the Kubernetes deployment runs one; a single-node
/// replica set serves for development).
/// </summary>
public sealed class MongoThemeStore(IMongoDatabase database, OutboxSignal? signal = null) : IThemeStore
{
    private readonly IMongoCollection<BsonDocument> _plans = database.GetCollection<BsonDocument>("actionPlans");
    private readonly IMongoCollection<BsonDocument> _actions = database.GetCollection<BsonDocument>("actions");
    private readonly IMongoCollection<BsonDocument> _measurements = database.GetCollection<BsonDocument>("measurements");
    private readonly IMongoCollection<BsonDocument> _history = database.GetCollection<BsonDocument>("actionHistory");
    private readonly MongoOutbox _outbox = new(database);

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _actions.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("planNumber").Ascending("ordinal")), cancellationToken: ct);
        await _measurements.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("indicatorId")), cancellationToken: ct);
        await _outbox.InitializeAsync(ct);
    }

    public async Task<IReadOnlyList<ActionPlan>> GetActionPlansAsync(CancellationToken ct)
    {
        var plans = await _plans.Find(FilterDefinition<BsonDocument>.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).ToListAsync(ct);
        var actions = (await _actions.Find(FilterDefinition<BsonDocument>.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("planNumber").Ascending("ordinal")).ToListAsync(ct))
            .Select(Read<PlanAction>).ToLookup(a => a.PlanNumber);
        return plans.Select(Read<ActionPlan>).Select(p => p with { Actions = actions[p.Number].ToList() }).ToList();
    }

    public async Task<ActionPlan?> GetActionPlanAsync(int number, CancellationToken ct)
    {
        var plan = await _plans.Find(ById(number)).FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }

        var actions = await _actions.Find(Builders<BsonDocument>.Filter.Eq("planNumber", number)).Sort(Builders<BsonDocument>.Sort.Ascending("ordinal")).ToListAsync(ct);
        return Read<ActionPlan>(plan) with { Actions = actions.Select(Read<PlanAction>).ToList() };
    }

    public async Task<bool> AddActionPlanAsync(ActionPlan plan, Func<ActionPlan, Change> published, CancellationToken ct)
    {
        using var session = await database.Client.StartSessionAsync(cancellationToken: ct);
        return await signal.AfterCommitAsync(session.WithTransactionAsync(async (s, token) =>
        {
            if (await _plans.Find(s, ById(plan.Number)).AnyAsync(token))
            {
                return false;
            }

            await _plans.InsertOneAsync(s, Document(plan.Number, plan.Revision, plan with { Actions = [] }), cancellationToken: token);
            var ordinal = 0;
            foreach (var action in plan.Actions)
            {
                var doc = Document(action.Id, action.Revision, action);
                doc["planNumber"] = plan.Number;
                doc["ordinal"] = ordinal++;
                await _actions.InsertOneAsync(s, doc, cancellationToken: token);
                await KeepRevisionAsync(s, action, token);
            }

            await _outbox.AppendAsync(s, published(plan), token);
            return true;
        }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ActionPlan>> SavePlansAsync(IReadOnlyList<PlanWrite> writes, Func<IReadOnlyList<ActionPlan>, IReadOnlyList<PlanAction>, IReadOnlyList<Change>> changes, CancellationToken ct)
    {
        using var session = await database.Client.StartSessionAsync(cancellationToken: ct);
        return await signal.AfterCommitAsync(session.WithTransactionAsync<IReadOnlyList<ActionPlan>>(async (s, token) =>
        {
            var saved = new List<ActionPlan>();
            var changedActions = new List<PlanAction>();
            foreach (var (plan, expectedRevision, changed) in writes)
            {
                var stored = plan with { Revision = expectedRevision + 1 };
                var filter = Builders<BsonDocument>.Filter.And(ById(plan.Number), Builders<BsonDocument>.Filter.Eq("revision", expectedRevision));
                var result = await _plans.ReplaceOneAsync(s, filter, Document(plan.Number, stored.Revision, stored with { Actions = [] }), cancellationToken: token);
                if (result.ModifiedCount != 1)
                {
                    throw new ConcurrencyConflictException($"Plan {plan.Number} was changed by someone else meanwhile; reload it and try again.");
                }

                foreach (var action in changed)
                {
                    changedActions.Add(await UpdateActionDocumentAsync(s, action, action.Revision, token));
                }

                var held = (await _actions.Find(s, Builders<BsonDocument>.Filter.Eq("planNumber", plan.Number)).ToListAsync(token)).Select(d => d["_id"].AsString).ToHashSet();
                var ordinal = held.Count;
                foreach (var action in plan.Actions.Where(a => !held.Contains(a.Id)))
                {
                    var doc = Document(action.Id, action.Revision, action);
                    doc["planNumber"] = plan.Number;
                    doc["ordinal"] = ordinal++;
                    await _actions.InsertOneAsync(s, doc, cancellationToken: token);
                    await KeepRevisionAsync(s, action, token);
                }

                var actions = await _actions.Find(s, Builders<BsonDocument>.Filter.Eq("planNumber", plan.Number)).Sort(Builders<BsonDocument>.Sort.Ascending("ordinal")).ToListAsync(token);
                saved.Add(stored with { Actions = actions.Select(Read<PlanAction>).ToList() });
            }

            foreach (var change in changes(saved, changedActions))
            {
                await _outbox.AppendAsync(s, change, token);
            }

            return saved;
        }, cancellationToken: ct));
    }

    public async Task<PlanAction?> GetActionAsync(string actionId, CancellationToken ct)
    {
        var doc = await _actions.Find(ById(actionId)).FirstOrDefaultAsync(ct);
        return doc is null ? null : Read<PlanAction>(doc);
    }

    public async Task<PlanAction> UpdateActionAsync(PlanAction changed, long expectedRevision, Func<PlanAction, Change> evented, CancellationToken ct)
    {
        using var session = await database.Client.StartSessionAsync(cancellationToken: ct);
        return await signal.AfterCommitAsync(session.WithTransactionAsync(async (s, token) =>
        {
            var stored = await UpdateActionDocumentAsync(s, changed, expectedRevision, token);
            await _outbox.AppendAsync(s, evented(stored), token);
            return stored;
        }, cancellationToken: ct));
    }

    private async Task<PlanAction> UpdateActionDocumentAsync(IClientSessionHandle s, PlanAction changed, long expectedRevision, CancellationToken token)
    {
        var stored = changed with { Revision = expectedRevision + 1 };
        var filter = Builders<BsonDocument>.Filter.And(ById(changed.Id), Builders<BsonDocument>.Filter.Eq("revision", expectedRevision));
        var update = Builders<BsonDocument>.Update.Set("revision", stored.Revision).Set("document", ToBson(stored));
        var result = await _actions.UpdateOneAsync(s, filter, update, cancellationToken: token);
        if (result.ModifiedCount != 1)
        {
            throw new ConcurrencyConflictException($"Action {changed.Id} was changed by someone else meanwhile; reload it and try again.");
        }

        await KeepRevisionAsync(s, stored, token);
        return stored;
    }

    // Every revision of every action is kept, so the plan can be read as it stood on a past date.
    private Task KeepRevisionAsync(IClientSessionHandle s, PlanAction action, CancellationToken token) =>
        _history.ReplaceOneAsync(s, ById(action.Id + "|" + action.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Document(action.Id + "|" + action.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), action.Revision, action), new ReplaceOptions { IsUpsert = true }, token);

    public async Task<IReadOnlyList<PlanAction>> GetActionHistoryAsync(CancellationToken ct) =>
        (await _history.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(ct)).Select(Read<PlanAction>).OrderBy(a => a.Id, StringComparer.Ordinal).ThenBy(a => a.Revision).ToList();

    public async Task<Measurement> RecordMeasurementAsync(Measurement measurement, Func<Measurement, Change> recorded, CancellationToken ct)
    {
        using var session = await database.Client.StartSessionAsync(cancellationToken: ct);
        return await signal.AfterCommitAsync(session.WithTransactionAsync(async (s, token) =>
        {
            var id = measurement.IndicatorId + "|" + measurement.Period;
            var previous = await _measurements.Find(s, ById(id)).FirstOrDefaultAsync(token);
            var stored = measurement with { Revision = previous is null ? 1 : previous["revision"].ToInt64() + 1 };
            var doc = Document(id, stored.Revision, stored);
            doc["indicatorId"] = stored.IndicatorId;
            await _measurements.ReplaceOneAsync(s, ById(id), doc, new ReplaceOptions { IsUpsert = true }, token);
            await _outbox.AppendAsync(s, recorded(stored), token);
            return stored;
        }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Measurement>> GetMeasurementsAsync(string indicatorId, CancellationToken ct) =>
        (await _measurements.Find(Builders<BsonDocument>.Filter.Eq("indicatorId", indicatorId)).ToListAsync(ct)).Select(Read<Measurement>).ToList();

    public async Task<Measurement?> GetMeasurementAsync(string indicatorId, string period, CancellationToken ct) =>
        await _measurements.Find(ById(indicatorId + "|" + period)).FirstOrDefaultAsync(ct) is { } found
            ? Read<Measurement>(found)
            : null;

    public async Task<IReadOnlyList<Measurement>> GetAllMeasurementsAsync(CancellationToken ct) =>
        (await _measurements.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(ct)).Select(Read<Measurement>).ToList();

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct) => _outbox.ReadAuditAsync(from, to, limit, ct);

    public Task<IReadOnlyList<OutboxMessage>> GetUndispatchedAsync(int max, CancellationToken ct) => _outbox.GetUndispatchedAsync(max, ct);

    public Task<OutboxBacklog> GetBacklogAsync(CancellationToken ct) => _outbox.GetBacklogAsync(ct);

    public Task MarkDispatchedAsync(long sequence, DateTimeOffset at, CancellationToken ct) => _outbox.MarkDispatchedAsync(sequence, at, ct);

    public Task RecordDispatchFailureAsync(long sequence, string error, CancellationToken ct) => _outbox.RecordDispatchFailureAsync(sequence, error, ct);

    private static FilterDefinition<BsonDocument> ById<TId>(TId id) => Builders<BsonDocument>.Filter.Eq("_id", BsonValue.Create(id));

    private static BsonDocument Document<TId, T>(TId id, long revision, T value) =>
        new() { ["_id"] = BsonValue.Create(id), ["revision"] = revision, ["document"] = ToBson(value) };

    // Documents keep the platform's JSON shape, so SQLite and MongoDB hold the same thing.
    private static BsonDocument ToBson<T>(T value) => BsonDocument.Parse(JsonSerializer.Serialize(value, KernelJson.Options));

    private static T Read<T>(BsonDocument doc) =>
        JsonSerializer.Deserialize<T>(doc["document"].AsBsonDocument.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson }), KernelJson.Options)
        ?? throw new InvalidDataException($"An empty {typeof(T).Name} document was stored.");
}
