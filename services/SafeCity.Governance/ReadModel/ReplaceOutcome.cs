namespace SafeCity.Governance.ReadModel;

/// <summary>
/// What replacing the stored read model with a rebuilt one did: the model that results, and how many
/// items were restored (missing), corrected (held differently), kept (governance already held a newer
/// revision, from an event that arrived while the themes were being asked) and removed.
/// </summary>
public sealed record ReplaceOutcome(ReadModelSnapshot Result, int Restored, int Corrected, int KeptNewer, int Removed)
{
    /// <summary>
    /// The merge every store applies inside its own write: the rebuilt item wins unless the live one
    /// has a newer revision; an item only the live model has is removed, except a measurement recorded
    /// after the rebuild began asking (its theme answered before it was recorded).
    /// </summary>
    public static ReplaceOutcome Plan(ReadModelSnapshot live, ReadModelSnapshot rebuilt, DateTimeOffset takenFrom)
    {
        var counts = new int[4];
        var plans = Merge(live.Plans, rebuilt.Plans, p => p.Theme + "|" + p.Plan.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Revision, _ => false, counts);
        var actions = Merge(live.Actions, rebuilt.Actions, a => a.Theme + "|" + a.Id, a => a.Revision, _ => false, counts);
        var measurements = Merge(live.Measurements, rebuilt.Measurements, m => m.Theme + "|" + m.IndicatorId + "|" + m.Period, m => m.Revision, m => m.RecordedAt >= takenFrom, counts);
        // An action's past is never undone: the history kept is what either side holds, each revision once.
        var history = live.History.Concat(rebuilt.History).DistinctBy(a => (a.Theme, a.Id, a.Revision)).ToList();
        return new ReplaceOutcome(new ReadModelSnapshot(plans, actions, measurements, history), counts[0], counts[1], counts[2], counts[3]);
    }

    private static List<T> Merge<T>(IReadOnlyList<T> live, IReadOnlyList<T> rebuilt, Func<T, string> key, Func<T, long> revision, Func<T, bool> arrivedSince, int[] counts)
    {
        var held = live.ToDictionary(key, StringComparer.Ordinal);
        var result = new List<T>();
        foreach (var item in rebuilt)
        {
            if (!held.Remove(key(item), out var mine))
            {
                counts[0]++;
                result.Add(item);
            }
            else if (revision(mine) > revision(item))
            {
                counts[2]++;
                result.Add(mine);
            }
            else
            {
                if (ReadModelSnapshot.Json(mine) != ReadModelSnapshot.Json(item))
                {
                    counts[1]++;
                }

                result.Add(item);
            }
        }

        foreach (var leftover in held.Values)
        {
            if (arrivedSince(leftover))
            {
                counts[2]++;
                result.Add(leftover);
            }
            else
            {
                counts[3]++;
            }
        }

        return result;
    }
}
