using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SafeCity.Cli.Bench;

/// <summary>
/// A made-up month of street-level crime for England and Wales in data.police.uk's format: every
/// column, every crime type, crime IDs of 64 hexadecimal characters, some 33,000 LSOAs. The mix of
/// crime types is an illustrative weighting, not a statistic; only the size (about 500,000 rows a
/// month in England and Wales) is meant to be national.
/// </summary>
public static class SyntheticPoliceMonth
{
    public const string Header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

    private static readonly (string Type, int Weight)[] Mix =
    [
        ("Violence and sexual offences", 32), ("Anti-social behaviour", 16), ("Criminal damage and arson", 8), ("Public order", 8), ("Shoplifting", 7),
        ("Other theft", 7), ("Vehicle crime", 6), ("Burglary", 5), ("Drugs", 3), ("Other crime", 2), ("Theft from the person", 2),
        ("Robbery", 1), ("Bicycle theft", 2), ("Possession of weapons", 1),
    ];

    private static readonly string[] Forces = ["Hampshire Constabulary", "Metropolitan Police Service", "West Midlands Police", "Greater Manchester Police", "West Yorkshire Police", "Thames Valley Police"];
    private static readonly string[] Outcomes = ["Investigation complete; no suspect identified", "Unable to prosecute suspect", "Under investigation", "Offender given a caution", "Local resolution"];

    private static readonly string[] OtherAuthorities = ["Portsmouth", "Eastleigh", "Test Valley", "Winchester", "New Forest", "Fareham", "Havant", "Basingstoke and Deane"];

    /// <summary>Southampton's real LSOA codes (2011 and 2021): a row is placed in an area by its code.</summary>
    private static readonly string[] CityLsoas = SafeCity.RecordFiles.Reference.ReferenceData.LsoaDistricts.Values
        .Where(p => p.DistrictCode == "E06000045").Select(p => p.LsoaCode).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Writes <paramref name="rows"/> rows of <paramref name="month"/> to a file; the same arguments give the same file.</summary>
    /// <param name="city">How many of the rows are Southampton's (its real LSOA codes, names "Southampton 001A"…), spread through the file; the rest carry codes of no real LSOA, so lie in no area.</param>
    public static void Write(string file, int rows, string month, int city = 0)
    {
        var random = new Random(rows ^ month.GetHashCode(StringComparison.Ordinal));
        var total = Mix.Sum(m => m.Weight);
        using var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.Write(Header + "\n");
        var line = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            var pick = random.Next(total);
            var type = Mix.First(m => (pick -= m.Weight) < 0).Type;
            var lsoa = random.Next(1, 33_000);
            var force = Forces[lsoa % Forces.Length];
            var asb = type == "Anti-social behaviour";
            var inCity = city > 0 && (long)i * city / rows != (long)(i + 1) * city / rows;
            var id = asb ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{month}-{i}")));
            line.Clear()
                .Append(id).Append(',').Append(month).Append(',').Append(force).Append(',').Append(force).Append(',')
                .Append((-3 + (random.NextDouble() * 4)).ToString("0.000000", CultureInfo.InvariantCulture)).Append(',')
                .Append((50.5 + (random.NextDouble() * 4)).ToString("0.000000", CultureInfo.InvariantCulture)).Append(',')
                .Append("On or near Street ").Append(random.Next(1, 90_000).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(inCity ? CityLsoas[lsoa % CityLsoas.Length] : "E0" + (1_100_000 + lsoa).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(inCity ? "Southampton" : city > 0 ? OtherAuthorities[lsoa % OtherAuthorities.Length] : "Area")
                .Append(' ').Append((lsoa / 10 % 1000).ToString("000", CultureInfo.InvariantCulture)).Append((char)('A' + (lsoa % 10))).Append(',')
                .Append(type).Append(',')
                .Append(asb ? "" : Outcomes[random.Next(Outcomes.Length)]).Append(",\n");
            writer.Write(line);
        }
    }
}
