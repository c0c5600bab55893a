using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.RecordFiles.PoliceData;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Cli.Import;

/// <summary>
/// Counts each force's month by district and crime type, two files at a time (the machine's two
/// cores), and sends governance the counts of each as it is done: nothing else of other areas' rows.
/// </summary>
public sealed class MostSimilarGroupCounting(HttpClient governance, TextWriter output)
{
    public const string CountsPath = "api/governance/most-similar-group/police-counts";

    private readonly ConcurrentDictionary<string, ForceMonthCounts> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _months = [];

    public bool Failed { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public IReadOnlyCollection<ForceMonthCounts> Counts => _counts.Values.ToList();

    public async Task<MostSimilarGroupCounting> RunAsync(IReadOnlyList<PoliceStreetFile> files, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var published = files.Where(f => f.IsNamedAsPublished).ToList();
        foreach (var other in files.Where(f => !f.IsNamedAsPublished))
        {
            output.WriteLine($"{other.Name}: not counted for the Most Similar Group, because its name is not data.police.uk's (YYYY-MM-force-street.csv) and so whose month it is cannot be known.");
        }

        var gate = new Lock();
        await Parallel.ForEachAsync(published, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount), CancellationToken = ct }, async (file, token) =>
        {
            ForceMonthCounts counts;
            try
            {
                counts = await DistrictCounter.CountAsync(file, token);
            }
            catch (InvalidDataException e)
            {
                lock (gate)
                {
                    output.WriteLine($"{file.Name}: {e.Message}");
                    Failed = true;
                }

                return;
            }

            using var reply = await governance.PostAsJsonAsync(CountsPath, counts, token);
            lock (gate)
            {
                if (!reply.IsSuccessStatusCode)
                {
                    Failed = true;
                    output.WriteLine($"{file.Name}: governance refused the counts ({(int)reply.StatusCode}): {reply.Content.ReadAsStringAsync(token).GetAwaiter().GetResult()}");
                    return;
                }

                _counts[file.Name] = counts;
                _months.Add(counts.Month);
                var placed = counts.Counts.Sum(c => (long)c.Count);
                output.WriteLine($"{file.Name}: {counts.Rows:N0} rows, {placed:N0} placed in {counts.Counts.Select(c => c.District).Distinct().Count()} districts"
                    + (counts.WithoutLsoa + counts.UnknownLsoa > 0 ? $", {counts.WithoutLsoa + counts.UnknownLsoa:N0} with no known LSOA" : "")
                    + (counts.Rejected > 0 ? $", {counts.Rejected:N0} not readable" : "") + ".");
            }
        });

        Elapsed = clock.Elapsed;
        if (published.Count > 0)
        {
            output.WriteLine($"Counted {_counts.Values.Sum(c => c.Rows):N0} rows of {_counts.Count} files for the Most Similar Group in {Elapsed.TotalSeconds:0.0} s.");
        }

        return this;
    }

    /// <summary>Whether the file had any row in the area (a district's name or code).</summary>
    public bool HasRowsIn(PoliceStreetFile file, string area) =>
        !_counts.TryGetValue(file.Name, out var counts)
        || counts.Counts.Any(c => ReferenceData.Districts.TryGetValue(c.District, out var d)
            ? d.Is(area)
            : c.District.Equals(area, StringComparison.OrdinalIgnoreCase));

    /// <summary>Says, for each month counted, where Southampton stands and which members have no figures.</summary>
    public async Task ReportFamilyAsync(CancellationToken ct)
    {
        foreach (var month in _months.Order(StringComparer.Ordinal))
        {
            using var reply = await governance.GetAsync($"api/governance/most-similar-group?measure=all-crime&period={month}", ct);
            if (!reply.IsSuccessStatusCode)
            {
                continue;
            }

            var comparison = await reply.Content.ReadFromJsonAsync<JsonElement>(ct);
            output.WriteLine();
            output.WriteLine($"Most Similar Group, {month}:");
            if (comparison.TryGetProperty("southampton", out var home) && home.ValueKind == JsonValueKind.Object)
            {
                output.WriteLine("  " + home.GetProperty("sentence").GetString());
            }

            foreach (var missing in comparison.GetProperty("missing").EnumerateArray())
            {
                output.WriteLine($"  Missing: {missing.GetProperty("name").GetString()}. {missing.GetProperty("why").GetString()}");
            }
        }
    }
}
