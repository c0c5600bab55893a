namespace SafeCity.Kernel.Records;

/// <summary>
/// A theme's computed measures as its record store keeps them: a tally per measure and month, updated
/// with the records in the same write, so that a figure is read from a few sums instead of from every
/// record of its span. The fingerprint names the build of the measures' rules: when it changes (a new
/// release), the store works its tallies out again from the records once, at start.
/// </summary>
public sealed class RecordTallies
{
    private readonly Dictionary<string, List<ComputedMeasure>> _byCategory;

    public RecordTallies(IReadOnlyList<ComputedMeasure> measures, string fingerprint)
    {
        if (measures.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two computed measures are named '{twice.Key}': a tally is kept by name.", nameof(measures));
        }

        Measures = measures;
        Fingerprint = fingerprint;
        _byCategory = measures.SelectMany(m => m.Categories.Select(c => (c, m))).GroupBy(x => x.c, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.m).ToList(), StringComparer.Ordinal);
    }

    /// <summary>No measures: a store that keeps records only (a benchmark's floor).</summary>
    public static RecordTallies None { get; } = new([], "none");

    /// <summary>The tallies of a theme's measures, fingerprinted by the builds of the theme and this kernel.</summary>
    public static RecordTallies Of(Hosting.ThemeDefinition theme) => new(theme.ComputedMeasures,
        $"{theme.Assembly.ManifestModule.ModuleVersionId:N}/{typeof(RecordTallies).Assembly.ManifestModule.ModuleVersionId:N}");

    public IReadOnlyList<ComputedMeasure> Measures { get; }
    public string Fingerprint { get; }

    /// <summary>Adds one set of tallies into another.</summary>
    public static void Merge(Dictionary<(string Measure, string Month), Tally> into, Dictionary<(string Measure, string Month), Tally> more)
    {
        foreach (var (key, tally) in more)
        {
            into[key] = into.GetValueOrDefault(key) + tally;
        }
    }

    /// <summary>What the records add to each (measure, month) tally.</summary>
    public Dictionary<(string Measure, string Month), Tally> Sum(IEnumerable<PartnerRecord> records, int sign = 1)
    {
        var sums = new Dictionary<(string, string), Tally>();
        foreach (var record in records)
        {
            if (!_byCategory.TryGetValue(record.Category, out var measures))
            {
                continue;
            }

            foreach (var measure in measures)
            {
                var tally = measure.TallyOf(record);
                var key = (measure.Name, record.Month);
                var held = sums.GetValueOrDefault(key);
                sums[key] = sign > 0 ? held + tally : held - tally;
            }
        }

        return sums;
    }
}
