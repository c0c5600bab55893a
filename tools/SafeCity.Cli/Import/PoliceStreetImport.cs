using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Contracts.Records;
using SafeCity.RecordFiles.PoliceData;

namespace SafeCity.Cli.Import;

/// <summary>What an import did, row by row and theme by theme.</summary>
public sealed class ImportSummary
{
    public long RowsRead { get; set; }
    public long OutsideArea { get; set; }
    public List<(long Line, string Reason)> Rejected { get; } = [];
    /// <summary>(theme, category) → (accepted, duplicates, rejected).</summary>
    public SortedDictionary<(string Theme, string Category), (int Accepted, int Duplicates, int Rejected)> ByTheme { get; } = [];

    public int Accepted => ByTheme.Values.Sum(v => v.Accepted);
    public int Duplicates => ByTheme.Values.Sum(v => v.Duplicates);
}

/// <summary>
/// ./safecity import police-street FILE [--area NAME]: reads a data.police.uk street-level crime
/// file, sends each row to the theme(s) that keep its crime type, over gRPC through the gateway,
/// and reports progress, every bad row and a summary. Importing a file again changes nothing.
/// </summary>
public sealed class PoliceStreetImport(GrpcChannel gateway, TextWriter output, ImportProgress? progress = null)
{
    /// <summary>Records per gRPC call: keeps each call's reply (a result per record) small.</summary>
    public const int RecordsPerCall = 5000;

    /// <summary>Records a gRPC message: each message is framed and flushed on its own all the way to the theme.</summary>
    public const int RecordsPerGroup = 500;

    /// <summary>Calls in flight at once, to different themes while more than one has rows left (four kept two cores busier than three).</summary>
    public const int ThemesAtOnce = 4;

    /// <param name="share">How much of the file has been read, 0 to 1, for the time left; null when unknown.</param>
    public async Task<ImportSummary> RunAsync(TextReader file, string? area, CancellationToken ct, Func<double?>? share = null)
    {
        var summary = new ImportSummary();
        var byTheme = new Dictionary<string, List<PoliceStreetRow>>();
        var clock = Stopwatch.StartNew();
        await foreach (var (row, rejected) in PoliceStreetCsv.ReadAsync(file, ct))
        {
            if (rejected is not null)
            {
                summary.Rejected.Add((rejected.Line, rejected.Reason));
                if (rejected.Line == 1)
                {
                    return summary;
                }

                summary.RowsRead++;
                continue;
            }

            summary.RowsRead++;
            if (progress is not null && summary.RowsRead % 1000 == 0)
            {
                progress.Report("reading", summary.RowsRead, share?.Invoke());
            }

            if (area is not null && !PoliceArea.Contains(area, row!))
            {
                summary.OutsideArea++;
                continue;
            }

            foreach (var theme in PoliceCrimeTypes.ThemesFor(row!.CrimeType))
            {
                (byTheme.TryGetValue(theme, out var rows) ? rows : byTheme[theme] = []).Add(row);
            }
        }

        progress?.Done();
        output.WriteLine($"Read {summary.RowsRead:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s; sending {byTheme.Values.Sum(r => r.Count):N0} to {byTheme.Count} themes.");
        var client = new PartnerRecords.PartnerRecordsClient(gateway);
        var gate = new Lock();
        // Calls are taken from whichever theme has the most rows left, a few at once: while one service
        // writes its batch to disk another is sent to, and the biggest theme is not left to finish alone.
        var taken = byTheme.ToDictionary(t => t.Key, _ => 0);
        var sent = byTheme.ToDictionary(t => t.Key, _ => 0);
        (string Theme, List<PoliceStreetRow> Chunk)? Next()
        {
            lock (gate)
            {
                var theme = byTheme.Where(t => taken[t.Key] < t.Value.Count).OrderByDescending(t => t.Value.Count - taken[t.Key]).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key).FirstOrDefault();
                if (theme is null)
                {
                    return null;
                }

                var start = taken[theme];
                var chunk = byTheme[theme].GetRange(start, Math.Min(RecordsPerCall, byTheme[theme].Count - start));
                taken[theme] = start + chunk.Count;
                return (theme, chunk);
            }
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, ThemesAtOnce), new ParallelOptions { MaxDegreeOfParallelism = ThemesAtOnce, CancellationToken = ct }, async (_, token) =>
        {
            while (Next() is var (theme, chunk))
            {
                var headers = new Metadata { { "safecity-theme", theme } };
                using var call = client.SubmitRecordGroups(headers, cancellationToken: token);
                foreach (var rows in chunk.Chunk(RecordsPerGroup))
                {
                    var group = new RecordGroup();
                    group.Records.AddRange(rows.Select(ToSubmission));
                    await call.RequestStream.WriteAsync(group, token);
                }

                await call.RequestStream.CompleteAsync();
                var reply = await call.ResponseAsync;
                lock (gate)
                {
                    for (var i = 0; i < reply.Results.Count; i++)
                    {
                        var result = reply.Results[i];
                        var key = (theme, chunk[i].CrimeType);
                        var (a, d, r) = summary.ByTheme.GetValueOrDefault(key);
                        summary.ByTheme[key] = result.Outcome switch
                        {
                            RecordOutcome.Accepted => (a + 1, d, r),
                            RecordOutcome.Duplicate => (a, d + 1, r),
                            _ => (a, d, r + 1),
                        };
                        if (result.Outcome == RecordOutcome.Rejected)
                        {
                            summary.Rejected.Add((result.Line, $"{theme} refused it: {result.Reason}"));
                        }
                    }

                    sent[theme] += chunk.Count;
                    if (progress is null)
                    {
                        output.WriteLine($"  {theme}: {sent[theme]:N0} of {byTheme[theme].Count:N0} sent");
                    }
                    else
                    {
                        var all = byTheme.Values.Sum(r => r.Count);
                        progress.Report("sending", sent.Values.Sum(), (double)sent.Values.Sum() / all);
                    }
                }
            }
        });

        progress?.Done();
        output.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s.");
        return summary;
    }

    public static void Report(ImportSummary summary, string? area, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Rows read:        {summary.RowsRead:N0}");
        if (area is not null)
        {
            output.WriteLine($"Outside {area}: {summary.OutsideArea:N0}");
        }

        output.WriteLine($"Accepted:         {summary.Accepted:N0}");
        output.WriteLine($"Duplicates:       {summary.Duplicates:N0} (held already: importing the same rows again changes nothing)");
        output.WriteLine($"Rejected rows:    {summary.Rejected.Count:N0}");
        output.WriteLine();
        output.WriteLine("Kept by theme and crime type (accepted / duplicates / refused):");
        foreach (var ((theme, category), (a, d, r)) in summary.ByTheme)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {theme,-18} {category,-30} {a,7:N0} / {d,7:N0} / {r,5:N0}"));
        }

        if (summary.Rejected.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Rejected rows:");
            foreach (var (line, reason) in summary.Rejected.OrderBy(r => r.Line).Take(200))
            {
                output.WriteLine($"  line {line}: {reason}");
            }

            if (summary.Rejected.Count > 200)
            {
                output.WriteLine($"  … and {summary.Rejected.Count - 200:N0} more.");
            }
        }
    }

    private static RecordSubmission ToSubmission(PoliceStreetRow row)
    {
        var submission = new RecordSubmission
        {
            Line = row.Line,
            Source = PoliceStreetRow.Source,
            Reference = row.Reference,
            Category = row.CrimeType,
            Month = row.Month,
            Location = row.Location ?? "",
            LsoaCode = row.LsoaCode ?? "",
            LsoaName = row.LsoaName ?? "",
            Latitude = row.Latitude,
            Longitude = row.Longitude,
            Outcome = row.Outcome ?? "",
        };
        foreach (var (key, value) in row.Details())
        {
            submission.Attributes[key] = value;
        }

        return submission;
    }
}
