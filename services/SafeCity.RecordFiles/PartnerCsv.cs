using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SafeCity.Contracts.Records;
using SafeCity.RecordFiles.PoliceData;

namespace SafeCity.RecordFiles;

/// <summary>
/// A partner's file of records (fire incidents, crimes, ED presentations) for the partner client:
/// a header line, then a record a line. Columns reference, category and occurred_at are required;
/// location, lsoa_code, lsoa_name, latitude, longitude and outcome are read as such; every other
/// column is a detail of the record (e.g. fireType, deliberate). See docs/partners.md.
/// </summary>
public static class PartnerCsv
{
    public static readonly string[] RequiredColumns = ["reference", "category", "occurred_at"];

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "reference", "category", "occurred_at", "location", "lsoa_code", "lsoa_name", "latitude", "longitude", "outcome",
    };

    private const int MaxFieldLength = 1000;

    public static async IAsyncEnumerable<(RecordSubmission? Record, RejectedRow? Rejected)> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var file = await CsvRecords.OpenAsync(reader, ct);
        if (file.Refused is { } refused)
        {
            yield return (null, refused);
            yield break;
        }

        var header = file.Header.Select(h => h.Trim()).ToList();
        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            yield return (null, new RejectedRow(1, $"The header has no {string.Join(", ", missing)} column: see docs/partners.md for the file's columns."));
            yield break;
        }

        var column = header.Select((name, i) => (name, i)).GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        await foreach (var (line, fields, rejected) in file.Rows)
        {
            yield return rejected is not null ? (null, rejected) : Parse(line, fields, header, column);
        }
    }

    private static (RecordSubmission?, RejectedRow?) Parse(long line, List<string> fields, List<string> header, Dictionary<string, int> column)
    {
        if (fields.Count != header.Count)
        {
            return (null, new RejectedRow(line, $"The row has {fields.Count} fields where the header has {header.Count}."));
        }

        if (fields.FirstOrDefault(f => f.Length > MaxFieldLength) is { } huge)
        {
            return (null, new RejectedRow(line, $"The row has a field of {huge.Length:N0} characters (at most {MaxFieldLength:N0})."));
        }

        string Field(string name) => column.TryGetValue(name, out var i) ? fields[i].Trim() : "";
        var occurred = Field("occurred_at");
        if (!DateTimeOffset.TryParse(occurred, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var at))
        {
            return (null, new RejectedRow(line, $"occurred_at is not a date and time like 2008-10-11T22:15:00+01:00 (it has {occurred.Length:N0} characters)."));
        }

        // A time without an offset is read as UK clock time, as partners' systems in the city record it.
        if (!HasOffset(occurred))
        {
            at = UkClock.FromUkClock(at.DateTime);
        }

        var record = new RecordSubmission
        {
            Line = line,
            Reference = Field("reference"),
            Category = PoliceCrimeTypes.Find(Field("category"))?.CrimeType ?? Field("category"),
            OccurredAt = Timestamp.FromDateTimeOffset(at),
            Month = RecordMonth.Of(at),
            Location = Field("location"),
            LsoaCode = Field("lsoa_code"),
            LsoaName = Field("lsoa_name"),
            Outcome = Field("outcome"),
        };
        foreach (var (name, target) in new[] { ("latitude", 90.0), ("longitude", 180.0) })
        {
            var text = Field(name);
            if (text.Length == 0)
            {
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || Math.Abs(value) > target)
            {
                return (null, new RejectedRow(line, $"{name} is not a coordinate (a number from -{target} to {target})."));
            }

            if (name == "latitude")
            {
                record.Latitude = value;
            }
            else
            {
                record.Longitude = value;
            }
        }

        for (var i = 0; i < header.Count; i++)
        {
            if (!Known.Contains(header[i]) && fields[i].Trim().Length > 0)
            {
                record.Attributes[header[i]] = fields[i].Trim();
            }
        }

        return (record, null);
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');

}
