using SafeCity.RecordFiles.PoliceData;

namespace SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;

/// <summary>What is compared: one data.police.uk crime type, or one of the plan's groupings of them.</summary>
public sealed record BenchmarkMeasure(string Key, string Name, IReadOnlyList<string> CrimeTypes, string Definition)
{
    public const string Violence = "violence";
    public const string CriminalDamage = "criminal-damage-and-arson";

    /// <summary>The plan's groupings first (paragraphs 11 and 66), then every crime type on its own.</summary>
    public static IReadOnlyList<BenchmarkMeasure> All { get; } = Build();

    public static BenchmarkMeasure? Find(string? key) => All.FirstOrDefault(m => string.Equals(m.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static List<BenchmarkMeasure> Build()
    {
        var crimes = PoliceCrimeTypes.All.Select(t => t.CrimeType).Where(t => t != "Anti-social behaviour").ToList();
        var measures = new List<BenchmarkMeasure>
        {
            new("all-crime", "All crime", crimes, "Every crime type data.police.uk publishes; anti-social behaviour is an incident, not a crime, and is left out."),
            new(Violence, "Violence", ["Violence and sexual offences", "Violent crime"],
                "Violence and sexual offences (files before 2011: violent crime). Robbery is counted as serious acquisitive crime, as NI 16 counts it."),
            new("serious-acquisitive-crime", "Serious acquisitive crime", ["Burglary", "Robbery", "Vehicle crime"],
                "Burglary, robbery and vehicle crime: NI 16's offences as data.police.uk groups them (its burglary includes non-domestic burglary, which NI 16 leaves out)."),
            new(CriminalDamage, "Criminal damage and arson", ["Criminal damage and arson"], "Criminal damage and arson, as data.police.uk counts them."),
            new("anti-social-behaviour", "Anti-social behaviour", ["Anti-social behaviour"], "Anti-social behaviour incidents recorded by the police."),
        };
        foreach (var type in PoliceCrimeTypes.All.Select(t => t.CrimeType))
        {
            var key = string.Join('-', type.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (measures.All(m => m.Key != key))
            {
                measures.Add(new(key, type, [type], $"{type}, as data.police.uk counts it."));
            }
        }

        return measures;
    }
}
