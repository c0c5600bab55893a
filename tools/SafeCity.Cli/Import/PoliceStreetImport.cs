using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Contracts.Records;
using SafeCity.Kernel.Records.PoliceData;

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
public sealed class PoliceStreetImport(GrpcChannel gateway, TextWriter output)
{
    /// <summary>Records per gRPC call: keeps each call's reply (a result per record) small.</summary>
    public const int RecordsPerCall = 5000;

    /// <summary>Themes sent to at once.</summary>
    public const int ThemesAtOnce = 3;

    public async Task<ImportSummary> RunAsync(TextReader file, string? area, CancellationToken ct)
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
            if (summary.RowsRead % 50_000 == 0)
            {
                output.WriteLine($"  read {summary.RowsRead:N0} rows…");
            }

            if (area is not null && !string.Equals(row!.LocalAuthority, area, StringComparison.OrdinalIgnoreCase))
            {
                summary.OutsideArea++;
                continue;
            }

            foreach (var theme in PoliceCrimeTypes.ThemesFor(row!.CrimeType))
            {
                (byTheme.TryGetValue(theme, out var rows) ? rows : byTheme[theme] = []).Add(row);
            }
        }

        output.WriteLine($"Read {summary.RowsRead:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s; sending to {byTheme.Count} themes.");
        var client = new PartnerRecords.PartnerRecordsClient(gateway);
        var gate = new Lock();
        // A few themes at once: while one service writes its batch to disk, another is being sent to.
        await Parallel.ForEachAsync(byTheme.OrderBy(t => t.Key, StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = ThemesAtOnce, CancellationToken = ct }, async (entry, token) =>
        {
            var (theme, rows) = entry;
            var headers = new Metadata { { "safecity-theme", theme } };
            for (var start = 0; start < rows.Count; start += RecordsPerCall)
            {
                var chunk = rows.GetRange(start, Math.Min(RecordsPerCall, rows.Count - start));
                using var call = client.SubmitRecords(headers, cancellationToken: token);
                foreach (var row in chunk)
                {
                    await call.RequestStream.WriteAsync(ToSubmission(row), token);
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

                    output.WriteLine($"  {theme}: {Math.Min(start + RecordsPerCall, rows.Count):N0} of {rows.Count:N0} sent");
                }
            }
        });

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
        foreach (var (key, value) in row.ToRecord(DateTimeOffset.UnixEpoch, null).Attributes)
        {
            submission.Attributes[key] = value;
        }

        return submission;
    }
}
