using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;
using MongoDB.Driver;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Storage;

namespace SafeCity.Kernel.Storage.Documents;

/// <summary>
/// A service's records that are few and read whole (governance's PMG meetings and structure versions,
/// the information-sharing register): JSON documents by collection and id, in the service's own
/// store. A document each suits them better than tables.
/// </summary>
public interface IDocumentStore
{
    Task InitializeAsync(CancellationToken ct);

    Task<T?> GetAsync<T>(string collection, string id, CancellationToken ct) where T : class;

    Task<IReadOnlyList<T>> ListAsync<T>(string collection, CancellationToken ct);

    /// <summary>Writes the document, replacing any with the same id.</summary>
    Task PutAsync<T>(string collection, string id, T document, CancellationToken ct);

    /// <summary>Writes the document and the event it causes to the service's outbox, in one transaction.</summary>
    Task PutAsync<T>(string collection, string id, T document, Change published, CancellationToken ct);

    /// <summary>Writes the document only if there is none with its id yet: false when there is (a record once made is never overwritten).</summary>
    Task<bool> InsertAsync<T>(string collection, string id, T document, CancellationToken ct);

    /// <summary>Removes the document; false when there was none.</summary>
    Task<bool> DeleteAsync(string collection, string id, CancellationToken ct);
}

public sealed class SqliteDocumentStore(SqliteDatabase database) : IDocumentStore
{
    public static readonly StoreSchema Schema = new("documents",
        SchemaMigration.Sql(1, "documents by collection and id", """
            CREATE TABLE IF NOT EXISTS documents (
                collection TEXT NOT NULL,
                id TEXT NOT NULL,
                json TEXT NOT NULL,
                written_at TEXT NOT NULL,
                PRIMARY KEY (collection, id));
            """));

    // The outbox's tables too: a document may be written with the event it causes.
    public Task InitializeAsync(CancellationToken ct) => database.MigrateAsync([Schema, SqliteOutbox.Schema], ct);

    public async Task<T?> GetAsync<T>(string collection, string id, CancellationToken ct) where T : class =>
        (await database.QueryAsync("SELECT json FROM documents WHERE collection = $c AND id = $id", r => Read<T>(r), ct, ("$c", collection), ("$id", id))).FirstOrDefault();

    public async Task<IReadOnlyList<T>> ListAsync<T>(string collection, CancellationToken ct) =>
        await database.QueryAsync("SELECT json FROM documents WHERE collection = $c ORDER BY id", r => Read<T>(r), ct, ("$c", collection));

    public Task PutAsync<T>(string collection, string id, T document, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(tx, """
            INSERT INTO documents (collection, id, json, written_at) VALUES ($c, $id, $j, $at)
            ON CONFLICT (collection, id) DO UPDATE SET json = excluded.json, written_at = excluded.written_at
            """, ct, Parameters(collection, id, document)), ct);

    public Task PutAsync<T>(string collection, string id, T document, Change published, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
        {
            await connection.ExecuteAsync(tx, """
                INSERT INTO documents (collection, id, json, written_at) VALUES ($c, $id, $j, $at)
                ON CONFLICT (collection, id) DO UPDATE SET json = excluded.json, written_at = excluded.written_at
                """, ct, Parameters(collection, id, document));
            await SqliteOutbox.AppendAsync(connection, tx, published, ct);
            return true;
        }, ct);

    public Task<bool> InsertAsync<T>(string collection, string id, T document, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(tx,
            "INSERT INTO documents (collection, id, json, written_at) VALUES ($c, $id, $j, $at) ON CONFLICT (collection, id) DO NOTHING",
            ct, Parameters(collection, id, document)) == 1, ct);

    public Task<bool> DeleteAsync(string collection, string id, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(tx, "DELETE FROM documents WHERE collection = $c AND id = $id", ct, ("$c", collection), ("$id", id)) == 1, ct);

    private static (string, object?)[] Parameters<T>(string collection, string id, T document) =>
        [("$c", collection), ("$id", id), ("$j", JsonSerializer.Serialize(document, KernelJson.Options)), ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))];

    private static T Read<T>(SqliteDataReader r) => JsonSerializer.Deserialize<T>(r.GetString(0), KernelJson.Options)!;
}

/// <summary>The same on MongoDB: a collection per kind, the document's JSON in one field.</summary>
public sealed class MongoDocumentStore(IMongoDatabase database, OutboxSignal? signal = null) : IDocumentStore
{
    private readonly Mongo.MongoOutbox _outbox = new(database);

    public Task InitializeAsync(CancellationToken ct) => _outbox.InitializeAsync(ct);

    public async Task<T?> GetAsync<T>(string collection, string id, CancellationToken ct) where T : class =>
        await Collection(collection).Find(Builders<BsonDocument>.Filter.Eq("_id", id)).FirstOrDefaultAsync(ct) is { } d
            ? JsonSerializer.Deserialize<T>(d["json"].AsString, KernelJson.Options)
            : null;

    public async Task<IReadOnlyList<T>> ListAsync<T>(string collection, CancellationToken ct) =>
        (await Collection(collection).Find(FilterDefinition<BsonDocument>.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).ToListAsync(ct))
            .Select(d => JsonSerializer.Deserialize<T>(d["json"].AsString, KernelJson.Options)!).ToList();

    public Task PutAsync<T>(string collection, string id, T document, CancellationToken ct) =>
        Collection(collection).ReplaceOneAsync(Builders<BsonDocument>.Filter.Eq("_id", id), Document(id, document), new ReplaceOptions { IsUpsert = true }, ct);

    public async Task PutAsync<T>(string collection, string id, T document, Change published, CancellationToken ct)
    {
        using var session = await database.Client.StartSessionAsync(cancellationToken: ct);
        await signal.AfterCommitAsync(session.WithTransactionAsync(async (s, token) =>
        {
            await Collection(collection).ReplaceOneAsync(s, Builders<BsonDocument>.Filter.Eq("_id", id), Document(id, document), new ReplaceOptions { IsUpsert = true }, token);
            await _outbox.AppendAsync(s, published, token);
            return true;
        }, cancellationToken: ct));
    }

    public async Task<bool> InsertAsync<T>(string collection, string id, T document, CancellationToken ct)
    {
        try
        {
            await Collection(collection).InsertOneAsync(Document(id, document), cancellationToken: ct);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<bool> DeleteAsync(string collection, string id, CancellationToken ct) =>
        (await Collection(collection).DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", id), ct)).DeletedCount == 1;

    private IMongoCollection<BsonDocument> Collection(string name) => database.GetCollection<BsonDocument>("documents-" + name);

    private static BsonDocument Document<T>(string id, T document) => new()
    {
        ["_id"] = id,
        ["json"] = JsonSerializer.Serialize(document, KernelJson.Options),
        ["writtenAt"] = DateTime.UtcNow,
    };
}
