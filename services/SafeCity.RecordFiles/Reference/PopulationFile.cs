using System.Globalization;
using System.Text.RegularExpressions;

namespace SafeCity.RecordFiles.Reference;

/// <summary>A district's people in one mid-year estimate.</summary>
public sealed record DistrictPopulation(string Code, string Name, long People);

/// <summary>
/// Reads ONS mid-year population estimates by district as ONS and the shipped files lay them out: a
/// header whose first three columns are the district's code, its name and its total population
/// (<c>ltla21_code,ltla21_name,total_population,0,1,…</c>; "All ages" or "population" also name the
/// total), then a row per district of England or Wales. All rows or none: every bad row is named.
/// </summary>
public static partial class PopulationFile
{
    /// <summary>More people than any district holds (Birmingham, the largest, has about 1.2 million).</summary>
    public const long MaxPeople = 20_000_000;

    public const int MaxRows = 1_000;

    public static async Task<(IReadOnlyList<DistrictPopulation> Districts, IReadOnlyList<RejectedRow> Problems)> ReadAsync(TextReader reader, CancellationToken ct)
    {
        var csv = await CsvRecords.OpenAsync(reader, ct);
        if (csv.Refused is { } refused)
        {
            return ([], [refused]);
        }

        var header = csv.Header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int code = header.FindIndex(h => h.EndsWith("code", StringComparison.Ordinal)),
            name = header.FindIndex(h => h.EndsWith("name", StringComparison.Ordinal) || h.EndsWith("nm", StringComparison.Ordinal)),
            total = header.FindIndex(h => h is "total_population" or "all ages" or "population" or "all_ages");
        if (code < 0 || name < 0 || total < 0)
        {
            return ([], [new RejectedRow(1, "The header must name a district code column (ending \"code\"), a name column (ending \"name\") and the total (total_population, All ages or population).")]);
        }

        var districts = new List<DistrictPopulation>();
        var problems = new List<RejectedRow>();
        var seen = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        await foreach (var (line, fields, rejected) in csv.Rows)
        {
            if (rejected is not null)
            {
                problems.Add(rejected);
                continue;
            }

            if (districts.Count + problems.Count >= MaxRows)
            {
                problems.Add(new RejectedRow(line, $"The file has more than {MaxRows:N0} rows: England and Wales have about 330 districts."));
                break;
            }

            if (fields.Count != csv.Header.Count)
            {
                problems.Add(new RejectedRow(line, $"The row has {fields.Count} fields where the header has {csv.Header.Count}."));
                continue;
            }

            var districtCode = fields[code].Trim().ToUpperInvariant();
            var districtName = fields[name].Trim();
            if (!DistrictCode().IsMatch(districtCode))
            {
                problems.Add(new RejectedRow(line, "The district code is not a district of England or Wales (E06, E07, E08, E09 or W06 and six digits)."));
            }
            else if (districtName.Length is 0 or > 100)
            {
                problems.Add(new RejectedRow(line, "The district's name must be 1 to 100 characters."));
            }
            else if (!long.TryParse(fields[total].Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var people) || people is < 1 or > MaxPeople)
            {
                problems.Add(new RejectedRow(line, $"The total population must be a whole number from 1 to {MaxPeople:N0}."));
            }
            else if (seen.TryGetValue(districtCode, out var first))
            {
                problems.Add(new RejectedRow(line, $"The district {districtCode} is given twice (first on line {first})."));
            }
            else
            {
                seen[districtCode] = line;
                districts.Add(new DistrictPopulation(districtCode, districtName, people));
            }
        }

        if (problems.Count == 0 && districts.Count == 0)
        {
            problems.Add(new RejectedRow(2, "The file has a header and no districts."));
        }

        return problems.Count > 0 ? ([], problems) : (districts, []);
    }

    [GeneratedRegex("^(E0[6-9]|W06)[0-9]{6}$")]
    private static partial Regex DistrictCode();
}
