using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SafeCity.Integration.Tests;

/// <summary>Builds street-level crime files in the data.police.uk format, made up for the tests (no downloaded data).</summary>
public sealed class PoliceCsvBuilder
{
    public const string Header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

    private readonly StringBuilder _csv = new("\uFEFF" + Header + "\n");
    private int _lines = 1;

    public List<(string Month, string CrimeType, string Area, string? Location, string? Lsoa)> Rows { get; } = [];

    public PoliceCsvBuilder Crime(string month, string crimeType, string lsoaName = "Southampton 029A", string location = "On or near Above Bar Street", string lsoaCode = "E01017139")
    {
        var id = crimeType == "Anti-social behaviour" ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"crime-{_lines}-{month}-{crimeType}")));
        return Line(string.Join(',', id, month, "Hampshire Constabulary", "Hampshire Constabulary", "-1.404", "50.905", Quote(location), lsoaCode, lsoaName, crimeType,
            crimeType == "Anti-social behaviour" ? "" : "\"Investigation complete; no suspect identified\"", ""), (month, crimeType, lsoaName[..lsoaName.LastIndexOf(' ')], location, lsoaCode));
    }

    /// <summary>A raw line as written, for rows that are wrong on purpose.</summary>
    public PoliceCsvBuilder Raw(string line) => Line(line, null);

    public string Build() => _csv.ToString();

    public int LineCount => _lines;

    private PoliceCsvBuilder Line(string line, (string, string, string, string?, string?)? row)
    {
        _csv.Append(line).Append('\n');
        _lines++;
        if (row is { } r)
        {
            Rows.Add(r);
        }

        return this;
    }

    private static string Quote(string text) => text.Contains(',') ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    public static string Month(int year, int month) => new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
