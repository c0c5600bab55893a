using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SafeCity.RecordFiles.PoliceData;

/// <summary>A row of a data.police.uk street-level crime file that could be read.</summary>
public sealed record PoliceStreetRow(
    long Line,
    string Reference,
    string Month,
    string CrimeType,
    string? ReportedBy,
    string? FallsWithin,
    double? Longitude,
    double? Latitude,
    string? Location,
    string? LsoaCode,
    string? LsoaName,
    string? Outcome)
{
    public const string Source = "data.police.uk";

    /// <summary>The local authority: the LSOA name without its last token ("Southampton 029A" → "Southampton").</summary>
    public string? LocalAuthority => LsoaName is { } name && name.LastIndexOf(' ') is > 0 and var space ? name[..space] : null;

    /// <summary>The details a police record keeps besides its fields: who reported it and whose area it falls within, where given.</summary>
    public IEnumerable<KeyValuePair<string, string>> Details()
    {
        if (!string.IsNullOrEmpty(ReportedBy))
        {
            yield return new("reportedBy", ReportedBy);
        }

        if (!string.IsNullOrEmpty(FallsWithin))
        {
            yield return new("fallsWithin", FallsWithin);
        }
    }
}

/// <summary>
/// Reads data.police.uk street-level crime CSV (see shared/data-formats.md): quoted fields with
/// commas and quotes, a UTF-8 byte order mark, the current twelve columns or the older shapes
/// without Crime ID and LSOA columns. Columns are found by their header names.
/// </summary>
public sealed class PoliceStreetCsv
{
    private const int MaxFieldLength = 1000;
    private readonly Dictionary<string, int> _columns;
    private readonly int _width;
    private readonly Dictionary<string, int> _identicalRows = [];

    private PoliceStreetCsv(IReadOnlyList<string> header)
    {
        _width = header.Count;
        _columns = header.Select((name, i) => (name: name.Trim(), i)).GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
    }

    public static readonly string[] RequiredColumns = ["Month", "Crime type"];

    /// <summary>Reads every row: each is either a row or a rejection; nothing stops at a bad row.</summary>
    public static async IAsyncEnumerable<(PoliceStreetRow? Row, RejectedRow? Rejected)> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var file = await CsvRecords.OpenAsync(reader, ct);
        if (file.Refused is { } refused)
        {
            yield return (null, refused);
            yield break;
        }

        var header = file.Header;
        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            yield return (null, new RejectedRow(1, $"The header has no {string.Join(" or ", missing.Select(m => $"'{m}'"))} column: this is not a street-level crime file."));
            yield break;
        }

        var csv = new PoliceStreetCsv(header);
        await foreach (var (line, fields, rejected) in file.Rows)
        {
            yield return rejected is not null ? (null, rejected) : csv.Parse(line, fields);
        }
    }

    private (PoliceStreetRow?, RejectedRow?) Parse(long line, List<string> fields)
    {
        if (fields.Count != _width)
        {
            return Reject($"has {fields.Count} fields where the header has {_width}.");
        }

        if (fields.FirstOrDefault(f => f.Length > MaxFieldLength) is { } huge)
        {
            return Reject($"has a field of {huge.Length:N0} characters (at most {MaxFieldLength:N0}).");
        }

        var month = Field("Month");
        if (!RecordMonth.IsValid(month))
        {
            return Reject($"Month is not a month like 2008-04 (it has {month?.Length ?? 0:N0} characters).");
        }

        var crimeType = Field("Crime type");
        if (string.IsNullOrWhiteSpace(crimeType))
        {
            return Reject("has no Crime type.");
        }

        if (PoliceCrimeTypes.Find(crimeType) is null)
        {
            return Reject($"Crime type is not one data.police.uk uses (it has {crimeType.Length:N0} characters): {string.Join(", ", PoliceCrimeTypes.All.Select(t => t.CrimeType))}.");
        }

        var crimeId = Field("Crime ID");
        if (!string.IsNullOrEmpty(crimeId) && (crimeId.Length != 64 || !crimeId.All(Uri.IsHexDigit)))
        {
            return Reject("Crime ID is not 64 hexadecimal characters.");
        }

        if (!Coordinate(Field("Longitude"), 180, out var longitude) || !Coordinate(Field("Latitude"), 90, out var latitude))
        {
            return Reject("Longitude or Latitude is not a coordinate (a number, -180 to 180 and -90 to 90).");
        }

        var location = Blank(Field("Location"));
        var lsoaCode = Blank(Field("LSOA code"));
        var reference = string.IsNullOrEmpty(crimeId) ? DerivedReference(month!, crimeType!, Field("Longitude"), Field("Latitude"), location, lsoaCode) : crimeId.ToLowerInvariant();
        return (new PoliceStreetRow(line, reference, month!, PoliceCrimeTypes.Find(crimeType)!.CrimeType, Blank(Field("Reported by")), Blank(Field("Falls within")),
            longitude, latitude, location, lsoaCode, Blank(Field("LSOA name")), Blank(Field("Last outcome category"))), null);

        string? Field(string name) => _columns.TryGetValue(name, out var i) ? fields[i].Trim() : null;
        (PoliceStreetRow?, RejectedRow?) Reject(string why) => (null, new RejectedRow(line, char.IsUpper(why[0]) ? why : "The row " + why));
    }

    /// <summary>
    /// Anti-social behaviour rows have no Crime ID. They are told apart by what they say and by
    /// their order among rows that say the same, so the same file read again gives the same
    /// references, and two identical incidents in a month stay two.
    /// </summary>
    private string DerivedReference(string month, string crimeType, string? longitude, string? latitude, string? location, string? lsoa)
    {
        var content = string.Join('|', month, crimeType, longitude, latitude, location, lsoa);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..24];
        var ordinal = _identicalRows[hash] = _identicalRows.GetValueOrDefault(hash) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"derived-{hash}-{ordinal}");
    }

    private static bool Coordinate(string? text, double limit, out double? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && Math.Abs(v) <= limit)
        {
            value = v;
            return true;
        }

        return false;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) || text == "No Location" ? null : text;
}
