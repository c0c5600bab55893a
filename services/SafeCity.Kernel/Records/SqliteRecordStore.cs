using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Storage;

namespace SafeCity.Kernel.Records;

public sealed class SqliteRecordStore(SqliteDatabase database, RecordTallies tallies) : IRecordStore
{
    /// <summary>The register of records and its tallies: its tables' numbered changes.</summary>
    public static readonly StoreSchema Schema = new("records",
        SchemaMigration.Sql(1, "records, and their tallies by measure and month", """
            CREATE TABLE IF NOT EXISTS records (
                source TEXT NOT NULL,
                reference TEXT NOT NULL,
                month TEXT NOT NULL,
                category TEXT NOT NULL,
                lsoa_code TEXT,
                revision INTEGER NOT NULL,
                document TEXT NOT NULL,
                PRIMARY KEY (source, reference));
            CREATE INDEX IF NOT EXISTS records_by_month ON records(month, category);
            CREATE TABLE IF NOT EXISTS record_tallies (
                measure TEXT NOT NULL,
                month TEXT NOT NULL,
                records INTEGER NOT NULL,
                a INTEGER NOT NULL,
                b INTEGER NOT NULL,
                PRIMARY KEY (measure, month));
            CREATE TABLE IF NOT EXISTS record_tallies_built (fingerprint TEXT NOT NULL);
            """));

    public async Task InitializeAsync(CancellationToken ct)
    {
        await database.MigrateAsync([Schema, Audit.SqliteAudit.Schema], ct);
        // Tallies kept by another build of the measures' rules are worked out again from the records.
        var built = await database.QueryAsync("SELECT fingerprint FROM record_tallies_built", r => r.GetString(0), ct);
        if (built.SingleOrDefault() != tallies.Fingerprint)
        {
            await database.WriteAsync(async (connection, tx) =>
            {
                await connection.ExecuteAsync(tx, "DELETE FROM record_tallies; DELETE FROM record_tallies_built;", ct);
                var sums = new Dictionary<(string Measure, string Month), Tally>();
                await using (var read = connection.CreateCommand())
                {
                    read.Transaction = tx;
                    read.CommandText = "SELECT document FROM records";
                    await using var reader = await read.ExecuteReaderAsync(ct);
                    var batch = new List<PartnerRecord>(10_000);
                    while (await reader.ReadAsync(ct))
                    {
                        batch.Add(Read(reader));
                        if (batch.Count == batch.Capacity)
                        {
                            RecordTallies.Merge(sums, tallies.Sum(batch));
                            batch.Clear();
                        }
                    }

                    RecordTallies.Merge(sums, tallies.Sum(batch));
                }

                await AddTalliesAsync(connection, tx, sums, ct);
                await connection.ExecuteAsync(tx, "INSERT INTO record_tallies_built (fingerprint) VALUES ($f)", ct, ("$f", tallies.Fingerprint));
                return 0;
            }, ct);
        }
    }


    private static async Task AddTalliesAsync(SqliteConnection connection, SqliteTransaction tx, Dictionary<(string Measure, string Month), Tally> sums, CancellationToken ct)
    {
        if (sums.Count == 0)
        {
            return;
        }

        await using var upsert = connection.CreateCommand();
        upsert.Transaction = tx;
        upsert.CommandText = """
            INSERT INTO record_tallies (measure, month, records, a, b) VALUES ($m, $mo, $r, $a, $b)
            ON CONFLICT (measure, month) DO UPDATE SET records = records + excluded.records, a = a + excluded.a, b = b + excluded.b
            """;
        var p = new[] { ("$m", SqliteType.Text), ("$mo", SqliteType.Text), ("$r", SqliteType.Integer), ("$a", SqliteType.Integer), ("$b", SqliteType.Integer) }
            .Select(n => upsert.Parameters.Add(n.Item1, n.Item2)).ToArray();
        foreach (var ((measure, month), tally) in sums)
        {
            (p[0].Value, p[1].Value, p[2].Value, p[3].Value, p[4].Value) = (measure, month, tally.Records, tally.A, tally.B);
            await upsert.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<IReadOnlyDictionary<string, Tally>> TallyAsync(string fromMonth, string toMonth, CancellationToken ct) =>
        (await database.QueryAsync("SELECT measure, SUM(records), SUM(a), SUM(b) FROM record_tallies WHERE month BETWEEN $from AND $to GROUP BY measure",
            r => (r.GetString(0), new Tally(r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))), ct, ("$from", fromMonth), ("$to", toMonth)))
            .ToDictionary(t => t.Item1, t => t.Item2, StringComparer.Ordinal);

    public Task<IReadOnlyList<RecordOutcome>> AddAsync(IReadOnlyList<PartnerRecord> records, Audit.AuditEntry? audit, CancellationToken ct) =>
        database.WriteAsync<IReadOnlyList<RecordOutcome>>(async (connection, tx) =>
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO records (source, reference, month, category, lsoa_code, revision, document) VALUES ($s, $r, $m, $c, $l, 1, $d)
                ON CONFLICT (source, reference) DO NOTHING
                """;
            var parameters = new[] { "$s", "$r", "$m", "$c", "$l", "$d" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
            var outcomes = new List<RecordOutcome>(records.Count);
            foreach (var record in records)
            {
                parameters[0].Value = record.Source;
                parameters[1].Value = record.Reference;
                parameters[2].Value = record.Month;
                parameters[3].Value = record.Category;
                parameters[4].Value = (object?)record.LsoaCode ?? DBNull.Value;
                parameters[5].Value = JsonSerializer.Serialize(record, KernelJson.Options);
                outcomes.Add(await insert.ExecuteNonQueryAsync(ct) == 1 ? RecordOutcome.Accepted : RecordOutcome.Duplicate);
            }

            if (audit is not null && outcomes.Contains(RecordOutcome.Accepted))
            {
                await Audit.SqliteAudit.AppendAsync(connection, tx, audit, ct);
            }

            // The measures' tallies move with the records, in the same transaction.
            await AddTalliesAsync(connection, tx, tallies.Sum(records.Where((_, i) => outcomes[i] == RecordOutcome.Accepted)), ct);
            return outcomes;
        }, ct);

    public Task<PartnerRecord?> CorrectAsync(PartnerRecord corrected, Audit.AuditEntry? audit, CancellationToken ct) =>
        database.WriteAsync(async (connection, tx) =>
        {
            var held = (await connection.QueryAsync(tx, "SELECT document FROM records WHERE source = $s AND reference = $r", Read, ct, ("$s", corrected.Source), ("$r", corrected.Reference))).SingleOrDefault();
            if (held is null)
            {
                return null;
            }

            var stored = corrected with { Revision = held.Revision + 1 };
            var moved = tallies.Sum([held], sign: -1);
            RecordTallies.Merge(moved, tallies.Sum([stored]));
            await AddTalliesAsync(connection, tx, moved, ct);
            await connection.ExecuteAsync(tx, "UPDATE records SET month = $m, category = $c, lsoa_code = $l, revision = $rev, document = $d WHERE source = $s AND reference = $r", ct,
                ("$m", stored.Month), ("$c", stored.Category), ("$l", stored.LsoaCode), ("$rev", stored.Revision), ("$d", JsonSerializer.Serialize(stored, KernelJson.Options)),
                ("$s", stored.Source), ("$r", stored.Reference));
            if (audit is not null)
            {
                await Audit.SqliteAudit.AppendAsync(connection, tx, audit, ct);
            }

            return (PartnerRecord?)stored;
        }, ct);

    public async Task<PartnerRecord?> GetAsync(string source, string reference, CancellationToken ct) =>
        (await database.QueryAsync("SELECT document FROM records WHERE source = $s AND reference = $r", Read, ct, ("$s", source), ("$r", reference))).SingleOrDefault();

    public async Task<IReadOnlyList<PartnerRecord>> FindAsync(RecordQuery query, CancellationToken ct)
    {
        var sql = "SELECT document FROM records WHERE month BETWEEN $from AND $to";
        var parameters = new List<(string, object?)> { ("$from", query.FromMonth), ("$to", query.ToMonth) };
        if (query.Categories is { Count: > 0 } categories)
        {
            var names = categories.Select((c, i) => (Name: $"$c{i}", Value: c)).ToList();
            sql += $" AND category IN ({string.Join(", ", names.Select(n => n.Name))})";
            parameters.AddRange(names.Select(n => (n.Name, (object?)n.Value)));
        }

        if (query.LsoaCode is { } lsoa)
        {
            sql += " AND lsoa_code = $lsoa";
            parameters.Add(("$lsoa", lsoa));
        }

        sql += " ORDER BY month DESC, category, reference LIMIT $limit OFFSET $offset";
        parameters.Add(("$limit", query.Limit));
        parameters.Add(("$offset", query.Offset));
        return await database.QueryAsync(sql, Read, ct, [.. parameters]);
    }

    public async Task<IReadOnlyList<RecordCount>> CountAsync(string fromMonth, string toMonth, CancellationToken ct) =>
        await database.QueryAsync(
            "SELECT month, category, COUNT(*) FROM records WHERE month BETWEEN $from AND $to GROUP BY month, category ORDER BY month, category",
            r => new RecordCount(r.GetString(0), r.GetString(1), r.GetInt32(2)), ct, ("$from", fromMonth), ("$to", toMonth));

    public async Task<IReadOnlyList<LocationCount>> TopLocationsAsync(string fromMonth, string toMonth, LocationLevel level, int top, CancellationToken ct) =>
        await database.QueryAsync(level == LocationLevel.Street
                ? """
                  SELECT json_extract(document, '$.location') AS place, NULL, COUNT(*) AS n FROM records
                  WHERE month BETWEEN $from AND $to AND place IS NOT NULL GROUP BY place ORDER BY n DESC, place LIMIT $top
                  """
                : """
                  SELECT MAX(json_extract(document, '$.lsoaName')), lsoa_code, COUNT(*) AS n FROM records
                  WHERE month BETWEEN $from AND $to AND lsoa_code IS NOT NULL GROUP BY lsoa_code ORDER BY n DESC, lsoa_code LIMIT $top
                  """,
            r => new LocationCount(r.IsDBNull(0) ? r.GetString(1) : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt32(2)),
            ct, ("$from", fromMonth), ("$to", toMonth), ("$top", top));

    public async Task<IReadOnlyList<RecordPlace>> PlacesAsync(string fromMonth, string toMonth, CancellationToken ct) =>
        await database.QueryAsync(
            "SELECT json_extract(document, '$.latitude'), json_extract(document, '$.longitude'), json_extract(document, '$.occurredAt') FROM records WHERE month BETWEEN $from AND $to",
            r => new RecordPlace(r.IsDBNull(0) ? null : r.GetDouble(0), r.IsDBNull(1) ? null : r.GetDouble(1),
                r.IsDBNull(2) ? null : DateTimeOffset.Parse(r.GetString(2), System.Globalization.CultureInfo.InvariantCulture)),
            ct, ("$from", fromMonth), ("$to", toMonth));

    public async Task<IReadOnlyList<string>> MonthsAsync(CancellationToken ct) =>
        await database.QueryAsync("SELECT DISTINCT month FROM records ORDER BY month", r => r.GetString(0), ct);

    private static PartnerRecord Read(SqliteDataReader reader) =>
        JsonSerializer.Deserialize<PartnerRecord>(reader.GetString(0), KernelJson.Options) ?? throw new InvalidDataException("An empty record was stored.");
}
