using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace SafeCity.Integration.Tests.Faults;

/// <summary>
/// What became of a run of writes: how many were sent and acknowledged, how many the themes hold and
/// governance shows, how many were lost or counted twice. A measurement is delivered when governance
/// holds the theme's value at the theme's revision; records are delivered when the indicator
/// computed from them in governance counts exactly the records the theme holds.
/// </summary>
public sealed record Reckoning(int Sent, int Acknowledged, int HeldByThemes, int Delivered, int Lost, int Duplicated, long RedeliveredIgnored, IReadOnlyList<string> Problems)
{
    public string Figures => $"sent {Sent}, acknowledged {Acknowledged}, held by the themes {HeldByThemes}, delivered to governance {Delivered}, lost {Lost}, duplicated {Duplicated}, events governance already held {RedeliveredIgnored}";

    public override string ToString() => Figures + (Problems.Count == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, Problems.Take(15)));

    /// <summary>Reckons again until nothing is lost or doubled, or the time is up; returns the last reckoning.</summary>
    public static async Task<Reckoning> SettleAsync(PlatformFixture fixture, SteadyWrites run, IReadOnlyList<Write> writes, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var reckoning = await TakeAsync(fixture, run, writes);
            if ((reckoning.Lost == 0 && reckoning.Duplicated == 0) || DateTime.UtcNow > deadline)
            {
                return reckoning;
            }

            await Task.Delay(1000);
        }
    }

    public static async Task<Reckoning> TakeAsync(PlatformFixture fixture, SteadyWrites run, IReadOnlyList<Write> writes)
    {
        var gateway = fixture.Gateway;
        var problems = new List<string>();
        int held = 0, delivered = 0, lost = 0, duplicated = 0;

        foreach (var group in writes.Where(w => !w.IsRecord).GroupBy(w => (w.Theme, w.Indicator)))
        {
            var (theme, indicator) = group.Key;
            var inTheme = (await gateway.GetFromJsonAsync<JsonElement>($"/api/{theme}/indicators/{indicator}/measurements"))
                .EnumerateArray().ToDictionary(m => m.GetProperty("period").GetString()!, m => (Value: m.GetProperty("value").GetDouble(), Revision: m.GetProperty("revision").GetInt64()));
            var inGovernance = (await gateway.GetFromJsonAsync<JsonElement>($"/api/governance/measurements?theme={theme}&indicator={indicator}"))
                .EnumerateArray().ToDictionary(m => m.GetProperty("period").GetString()!, m => (Value: m.GetProperty("value").GetDouble(), Revision: m.GetProperty("revision").GetInt64()));
            foreach (var write in group)
            {
                var period = write.Key.Split(' ')[1];
                if (!inTheme.TryGetValue(period, out var kept))
                {
                    if (write.Acknowledged)
                    {
                        lost++;
                        problems.Add($"{theme} lost an acknowledged write: {write.Key} = {write.Value}");
                    }

                    continue;
                }

                held++;
                if (write.Acknowledged && kept.Value != write.Value)
                {
                    lost++;
                    problems.Add($"{theme} holds {write.Key} = {kept.Value}, not the acknowledged {write.Value}");
                }

                if (kept.Revision > 1)
                {
                    duplicated++;
                    problems.Add($"{theme} stored {write.Key} {kept.Revision} times");
                }

                if (!inGovernance.TryGetValue(period, out var shown) || shown.Revision < kept.Revision || shown.Value != kept.Value)
                {
                    lost++;
                    problems.Add($"governance does not show {theme} {write.Key} = {kept.Value} (revision {kept.Revision})");
                }
                else if (shown.Revision > kept.Revision)
                {
                    duplicated++;
                    problems.Add($"governance holds {theme} {write.Key} at revision {shown.Revision}, beyond the theme's {kept.Revision}");
                }
                else
                {
                    delivered++;
                }
            }
        }

        foreach (var (theme, indicator, category, _) in SteadyWrites.CountedRecords)
        {
            var references = await ReferencesAsync(gateway, theme, category, run.RecordMonth);
            var ours = writes.Where(w => w.IsRecord && w.Theme == theme).ToList();
            foreach (var write in ours.Where(w => w.Acknowledged && !references.Contains(w.Key["record ".Length..])))
            {
                lost++;
                problems.Add($"{theme} lost an acknowledged record: {write.Key}");
            }

            held += ours.Count(w => references.Contains(w.Key["record ".Length..]));
            var shown = (await gateway.GetFromJsonAsync<JsonElement>($"/api/governance/measurements?theme={theme}&indicator={indicator}"))
                .EnumerateArray().Where(m => m.GetProperty("period").GetString() == run.RecordMonth).Select(m => (int)m.GetProperty("value").GetDouble()).FirstOrDefault();
            delivered += Math.Min(shown, references.Count);
            if (shown < references.Count)
            {
                lost += references.Count - shown;
                problems.Add($"governance counts {shown} {category} records in {run.RecordMonth} ({indicator}); {theme} holds {references.Count}");
            }
            else if (shown > references.Count)
            {
                duplicated += shown - references.Count;
                problems.Add($"governance counts {shown} {category} records in {run.RecordMonth} ({indicator}), more than the {references.Count} {theme} holds");
            }
        }

        var tally = await gateway.GetFromJsonAsync<JsonElement>("/api/governance/events");
        var alreadyHeld = tally.EnumerateArray().Sum(e => e.GetProperty("alreadyHeld").GetInt64());
        return new Reckoning(writes.Count, writes.Count(w => w.Acknowledged), held, delivered, lost, duplicated, alreadyHeld, problems);
    }

    private static async Task<HashSet<string>> ReferencesAsync(HttpClient gateway, string theme, string category, string month)
    {
        var references = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += 1000)
        {
            var page = await gateway.GetFromJsonAsync<JsonElement>(string.Create(CultureInfo.InvariantCulture,
                $"/api/{theme}/records?from={month}&to={month}&category={Uri.EscapeDataString(category)}&limit=1000&offset={offset}"));
            foreach (var record in page.EnumerateArray())
            {
                references.Add(record.GetProperty("reference").GetString()!);
            }

            if (page.GetArrayLength() < 1000)
            {
                return references;
            }
        }
    }
}
