using System.Text;
using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.RecordFiles.PoliceData;

/// <summary>
/// Counts one force's month by district and crime type, for the Most Similar Group: each row is
/// placed by its LSOA code through the ONS lookup (2011 and 2021 codes alike), never by the LSOA's
/// name, which changes between vintages and would put South Cambridgeshire in Cambridge.
/// </summary>
public static class DistrictCounter
{
    public static async Task<ForceMonthCounts> CountAsync(PoliceStreetFile file, CancellationToken ct)
    {
        if (!file.IsNamedAsPublished)
        {
            throw new ArgumentException($"{file.Name} is not named as data.police.uk names a force's month (YYYY-MM-force-street.csv), so whose month it is cannot be known.", nameof(file));
        }

        await using var stream = file.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return await CountAsync(reader, file.Name, file.Month!, file.Force!, ct);
    }

    public static async Task<ForceMonthCounts> CountAsync(TextReader reader, string name, string month, string force, CancellationToken ct)
    {
        var lsoas = ReferenceData.LsoaDistricts;
        var counts = new Dictionary<(string District, string CrimeType), int>();
        long rows = 0, withoutLsoa = 0, unknown = 0, rejected = 0;
        var csv = await CsvRecords.OpenAsync(reader, ct);
        int monthAt = csv.Header.FindIndex(h => h.Trim().Equals("Month", StringComparison.OrdinalIgnoreCase)),
            typeAt = csv.Header.FindIndex(h => h.Trim().Equals("Crime type", StringComparison.OrdinalIgnoreCase)),
            lsoaAt = csv.Header.FindIndex(h => h.Trim().Equals("LSOA code", StringComparison.OrdinalIgnoreCase));
        if (csv.Refused is not null || monthAt < 0 || typeAt < 0)
        {
            throw new InvalidDataException($"{name} is not a street-level crime file: {csv.Refused?.Reason ?? "its header has no Month or Crime type column."}");
        }

        await foreach (var (_, fields, problem) in csv.Rows)
        {
            rows++;
            if (problem is not null || fields.Count != csv.Header.Count || fields[monthAt].Trim() != month || PoliceCrimeTypes.Find(fields[typeAt]) is not { } type)
            {
                rejected++;
                continue;
            }

            var code = lsoaAt < 0 ? "" : fields[lsoaAt].Trim();
            if (code.Length == 0)
            {
                withoutLsoa++;
            }
            else if (!lsoas.TryGetValue(code, out var place))
            {
                unknown++;
            }
            else
            {
                var key = (place.DistrictCode, type.CrimeType);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return new ForceMonthCounts(month, force, name, rows, withoutLsoa, unknown, rejected,
            counts.OrderBy(c => c.Key.District, StringComparer.Ordinal).ThenBy(c => c.Key.CrimeType, StringComparer.Ordinal)
                .Select(c => new DistrictCrimeCount(c.Key.District, c.Key.CrimeType, c.Value)).ToList());
    }
}
