using System.Text.Json;
using SafeCity.Kernel;

namespace SafeCity.Governance.ReadModel;

/// <summary>
/// Everything the read model holds, in a fixed order, so two models (the live one and one rebuilt
/// from the themes) can be compared item by item.
/// </summary>
/// <param name="History">Every action revision held; it only grows, so it is merged rather than compared.</param>
public sealed record ReadModelSnapshot(IReadOnlyList<PlanRecord> Plans, IReadOnlyList<ActionRecord> Actions, IReadOnlyList<MeasurementRecord> Measurements, IReadOnlyList<ActionRecord> History)
{
    public static async Task<ReadModelSnapshot> TakeAsync(IPerformanceReadModel model, CancellationToken ct) =>
        new((await model.GetPlansAsync(ct)).OrderBy(p => p.Theme, StringComparer.Ordinal).ThenBy(p => p.Plan.Number).ToList(),
            (await model.GetActionsAsync(ct)).OrderBy(a => a.Theme, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).ToList(),
            (await model.GetMeasurementsAsync(ct)).OrderBy(m => m.Theme, StringComparer.Ordinal).ThenBy(m => m.IndicatorId, StringComparer.Ordinal).ThenBy(m => m.Period, StringComparer.Ordinal).ToList(),
            (await model.GetActionHistoryAsync(ct)).OrderBy(a => a.Theme, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).ThenBy(a => a.Revision).ToList());

    public int Count => Plans.Count + Actions.Count + Measurements.Count;

    /// <summary>Each item that is missing from one side or differs, in words; empty when the two are equal.</summary>
    public IReadOnlyList<string> DifferencesFrom(ReadModelSnapshot other)
    {
        var differences = new List<string>();
        Compare("plan", Plans, other.Plans, p => p.Theme + " " + p.Plan.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), differences);
        Compare("action", Actions, other.Actions, a => a.Theme + " " + a.Id, differences);
        // Instants compare as instants: a store may keep them in UTC rather than the offset they came with.
        Compare("measurement", Measurements.Select(m => m with { RecordedAt = m.RecordedAt.ToUniversalTime() }).ToList(),
            other.Measurements.Select(m => m with { RecordedAt = m.RecordedAt.ToUniversalTime() }).ToList(), m => $"{m.Theme} {m.IndicatorId} {m.Period}", differences);
        return differences;
    }

    private static void Compare<T>(string kind, IReadOnlyList<T> mine, IReadOnlyList<T> theirs, Func<T, string> key, List<string> differences)
    {
        var left = mine.ToDictionary(key, Json, StringComparer.Ordinal);
        var right = theirs.ToDictionary(key, Json, StringComparer.Ordinal);
        foreach (var (k, json) in left)
        {
            if (!right.TryGetValue(k, out var other))
            {
                differences.Add($"{kind} {k}: only in the first");
            }
            else if (other != json)
            {
                differences.Add($"{kind} {k}: differs");
            }
        }

        differences.AddRange(right.Keys.Where(k => !left.ContainsKey(k)).Select(k => $"{kind} {k}: only in the second"));
    }

    // Records hold lists, which compare by reference: compare what they serialise to instead.
    internal static string Json<T>(T item) => JsonSerializer.Serialize(item, KernelJson.Options);
}
