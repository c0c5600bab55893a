using System.Diagnostics;
using System.Globalization;
using SafeCity.Cli.Import;
using SafeCity.Kernel.Records;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.LocalPlatform;
using SafeCity.RecordFiles.PoliceData;

namespace SafeCity.Cli.Bench;

/// <summary>
/// The police import end to end at each scale, against a plain bulk insert of the same rows into one
/// store, with the CPU each part of the platform used; and a city's month as a person types it.
/// </summary>
public sealed class ImportBench(LocalPlatformHost platform, string work, bool quick, TextWriter log, Action<Figure> add)
{
    public async Task MeasureAsync(IEnumerable<int> scales)
    {
        foreach (var scale in scales)
        {
            await ImportAsync(scale);
        }

        // As a person types it: a county's month for one city, and a national month for the same city.
        await ImportAsTypedAsync("A city's month from its county's file, as typed", 15_000, 3_000, "2024-01", 2);
        if (!quick)
        {
            await ImportAsTypedAsync("A city's month from the national file, as typed", 500_000, 3_000, "2024-02", 10);
        }
    }

    private async Task ImportAsync(int scale)
    {
        var rows = 5_000 * scale;
        var month = new DateOnly(2025, 1, 1).AddMonths(scale switch { 1 => 0, 10 => 1, _ => 2 }).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var file = Path.Combine(work, $"police-{rows}.csv");
        SyntheticPoliceMonth.Write(file, rows, month);
        log.WriteLine($"Importing {rows:N0} rows ({new FileInfo(file).Length / 1024 / 1024:N0} MB)…");

        using var channel = BenchCalls.Channel(platform, platform.GatewayGrpc);
        var cpuBefore = CpuByPart();
        var clock = Stopwatch.StartNew();
        ImportSummary summary;
        using (var reader = new StreamReader(file))
        {
            summary = await new PoliceStreetImport(channel, TextWriter.Null).RunAsync(reader, null, CancellationToken.None);
        }

        var import = clock.Elapsed;
        var cpu = CpuByPart().Select(p => (p.Part, Seconds: p.Seconds - cpuBefore.Single(b => b.Part == p.Part).Seconds)).ToList();
        if (summary.Rejected.Count > 0 || summary.RowsRead != rows)
        {
            throw new InvalidOperationException($"The synthetic file did not import whole: {summary.RowsRead} read, {summary.Rejected.Count} rejected (first: {summary.Rejected.FirstOrDefault()}).");
        }

        // The floor: the same rows, as the records the themes keep, inserted in one transaction into one store of the same kind.
        var records = new List<PartnerRecord>(rows);
        using (var reader = new StreamReader(file))
        {
            await foreach (var (row, _) in PoliceStreetCsv.ReadAsync(reader))
            {
                records.Add(PartnerRecord.OfPoliceRow(row!, DateTimeOffset.UtcNow, "bench")); // built directly: the baseline skips the intake
            }
        }

        // One bulk insert swung between 60,000 and 79,000 rows a second from run to run, so the floor is the median of three, each into a new file.
        var inserts = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var store = new SqliteRecordStore(new SqliteDatabase(Path.Combine(work, $"bulk-{rows}-{attempt}.db")), RecordTallies.None);
            await store.InitializeAsync(CancellationToken.None);
            clock.Restart();
            await store.AddAsync(records, null, CancellationToken.None);
            inserts.Add(clock.Elapsed);
        }

        var bulk = inserts.Order().ElementAt(1);

        var rate = rows / import.TotalSeconds;
        var ratio = import.TotalSeconds > 0 ? bulk.TotalSeconds / import.TotalSeconds : 0;
        var stored = summary.Accepted;
        add(new("Police import end to end: rows a second", BenchCalls.Scale(scale, $"{rows:N0} rows"), $"{rate:N0}", scale == 100 ? "≥ 20,000" : null, scale == 100 ? rate >= 20_000 : null,
            $"{import.TotalSeconds:0.0} s; {stored:N0} records kept (a row counted by two themes is kept by both)"));
        add(new("Police import: ratio to a plain bulk insert", BenchCalls.Scale(scale, $"{rows:N0} rows"), $"{ratio:0.00}", scale == 100 ? "≥ 0.5" : null, scale == 100 ? ratio >= 0.5 : null,
            $"bulk insert {rows / bulk.TotalSeconds:N0} rows a second ({bulk.TotalSeconds:0.0} s; median of 3, {rows / inserts.Max().TotalSeconds:N0}–{rows / inserts.Min().TotalSeconds:N0})"));
        // Where the two cores went: with both busy, the rows a second are bounded by the CPU each row costs.
        add(new("Police import: CPU seconds used, by part", BenchCalls.Scale(scale, $"{rows:N0} rows"), $"{cpu.Sum(p => p.Seconds):0.0} s",
            Note: $"{string.Join(", ", cpu.Select(p => $"{p.Part} {p.Seconds:0.0} s"))}; {cpu.Sum(p => p.Seconds) / import.TotalSeconds / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} cores over the import"));
    }

    /// <summary>
    /// ./safecity import police-street FILE --area Southampton, run as a person runs it (the script,
    /// its check that nothing needs building, the command's start, the read, the send and the summary),
    /// timed from outside.
    /// </summary>
    private async Task ImportAsTypedAsync(string measure, int rows, int kept, string month, double targetSeconds)
    {
        var file = Path.Combine(work, $"county-{rows}.csv");
        SyntheticPoliceMonth.Write(file, rows, month, city: kept);
        log.WriteLine($"Importing {rows:N0} rows ({new FileInfo(file).Length / 1024 / 1024:N0} MB) with --area Southampton, as typed…");
        var (took, exit, text, errors) = await Measures.AsTypedAsync(work,
            ["import", "police-street", file, "--area", "Southampton", "--gateway", platform.GatewayGrpc.ToString().TrimEnd('/'), "--key-file", PlatformKeys.OperatorKeyFile(platform.DataDirectory)]);
        if (exit != 0 || !text.Contains($"Outside Southampton: {rows - kept:N0}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The import as typed did not keep {kept:N0} of {rows:N0} rows (exit {exit}): {text}{errors}");
        }

        add(new(measure, $"{rows:N0} rows, {kept:N0} kept", $"{took.TotalSeconds:0.0} s", $"< {targetSeconds:0} s", took.TotalSeconds < targetSeconds,
            $"{rows / took.TotalSeconds:N0} rows a second read; the command's own report: {text.Split('\n').FirstOrDefault(l => l.StartsWith("Read ", StringComparison.Ordinal))?.Trim()}"));
    }

    private List<(string Part, double Seconds)> CpuByPart()
    {
        double Sum(IEnumerable<int> ids) => ids.Sum(Measures.CpuSeconds);
        var themes = PlatformService.Themes.Select(t => t.Name).ToList();
        return
        [
            ("import client", Measures.CpuSeconds(Environment.ProcessId)),
            ("gateway", Sum([platform.ProcessId("gateway")])),
            ("themes", Sum(themes.Select(platform.ProcessId))),
            ("governance", Sum([platform.ProcessId("governance")])),
            ("RabbitMQ", Sum(platform.Broker.ProcessIds)),
        ];
    }
}
