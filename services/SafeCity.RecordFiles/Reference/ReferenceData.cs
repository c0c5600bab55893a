using System.Collections.Frozen;

namespace SafeCity.RecordFiles.Reference;

/// <summary>
/// A district (local authority district, 2024 codes) with its Community Safety Partnership(s) and police
/// force area. Most districts have one partnership; a few share one, and one (Bournemouth, Christchurch and Poole) has three.
/// </summary>
public sealed record District(string Code, string Name, IReadOnlyList<string> Partnerships, string ForceAreaCode, string ForceAreaName)
{
    /// <summary>Whether a person naming an area (a district's name or code, in any case) means this district.</summary>
    public bool Is(string nameOrCode) => Name.Equals(nameOrCode, StringComparison.OrdinalIgnoreCase) || Code.Equals(nameOrCode, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Where an LSOA lies: its district (2022 codes, which the 2024 list keeps for every city).</summary>
public sealed record LsoaPlace(string LsoaCode, string DistrictCode, string DistrictName);

/// <summary>
/// The ONS lookups and boundaries the platform ships (Reference/README.md lists each file, its source
/// and checksum), read once from the assembly's embedded copies.
/// </summary>
public static class ReferenceData
{
    public const string Attribution =
        "Contains public sector information licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right. Source: Office for National Statistics; data.police.uk.";

    public const string LsoaLookupFile = "lookup-lsoa11-lsoa21-ltla22.csv";
    public const string DistrictLookupFile = "lookup-ltla24-csp24-pfa24.csv";
    public const string SouthamptonLsoaBoundaries = "southampton_lsoa11_E06000045.geojson";
    public const string SouthamptonWardBoundaries = "southampton_wards13_E06000045.geojson";
    public const string SouthamptonBoundary = "southampton_lad18_bgc_E06000045.geojson";
    public const string DistrictBoundaries = "lad_may2024_uk_buc.geojson";

    private static readonly Lazy<FrozenDictionary<string, LsoaPlace>> Lsoas = new(ReadLsoas);
    private static readonly Lazy<FrozenDictionary<string, District>> DistrictsByCode = new(ReadDistricts);

    /// <summary>Every LSOA of England and Wales by its 2011 and its 2021 code (a code unchanged in 2021 is both).</summary>
    public static IReadOnlyDictionary<string, LsoaPlace> LsoaDistricts => Lsoas.Value;

    /// <summary>Every district of England and Wales by its code.</summary>
    public static IReadOnlyDictionary<string, District> Districts => DistrictsByCode.Value;

    private static readonly Lazy<FrozenSet<string>> DistrictCodes = new(() => Districts.Keys.Concat(LsoaDistricts.Values.Select(p => p.DistrictCode)).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Whether a code is a district of England or Wales in the shipped lookups (2022 or 2024 codes).</summary>
    public static bool IsDistrict(string code) => DistrictCodes.Value.Contains(code);

    /// <summary>The district a person names by its name or code; null for none.</summary>
    public static District? FindDistrict(string nameOrCode) => Districts.Values.FirstOrDefault(d => d.Is(nameOrCode));

    /// <summary>One of the shipped files, as it was published.</summary>
    public static Stream Open(string file) =>
        typeof(ReferenceData).Assembly.GetManifestResourceStream("Reference/" + file)
        ?? throw new FileNotFoundException($"{file} is not among the reference files the platform ships (Reference/README.md).");

    public static string ReadText(string file)
    {
        using var reader = new StreamReader(Open(file));
        return reader.ReadToEnd();
    }

    /// <summary>The rows of a shipped CSV file by header name. The files are the platform's own, so a bad row is a build defect.</summary>
    public static IEnumerable<Func<string, string>> Rows(string file)
    {
        using var reader = new StreamReader(Open(file));
        List<string>? header = null;
        foreach (var (line, fields, problem) in CsvRecords.ReadAsync(reader, CancellationToken.None).ToBlockingEnumerable())
        {
            if (problem is not null)
            {
                throw new InvalidDataException($"{file} line {line}: {problem}");
            }

            if (header is null)
            {
                header = fields;
                header[0] = header[0].TrimStart('\uFEFF');
                continue;
            }

            var columns = header;
            yield return name => fields[columns.IndexOf(name)];
        }
    }

    private static FrozenDictionary<string, LsoaPlace> ReadLsoas()
    {
        var places = new Dictionary<string, LsoaPlace>(StringComparer.Ordinal);
        foreach (var row in Rows(LsoaLookupFile))
        {
            var district = row("ltla22_code");
            var name = row("ltla22_name");
            places.TryAdd(row("lsoa11_code"), new LsoaPlace(row("lsoa11_code"), district, name));
            places.TryAdd(row("lsoa21_code"), new LsoaPlace(row("lsoa21_code"), district, name));
        }

        return places.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, District> ReadDistricts() =>
        Rows(DistrictLookupFile)
            .Select(row => (Code: row("ltla24_code"), Name: row("ltla24_name"), Partnership: row("csp24_name"), ForceCode: row("pfa24_code"), Force: row("pfa24_name")))
            .GroupBy(r => r.Code, StringComparer.Ordinal)
            .Select(g => new District(g.Key, g.First().Name, g.Select(r => r.Partnership).Distinct().ToList(), g.First().ForceCode, g.First().Force))
            .ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);

    /// <summary>
    /// The police force area a data.police.uk force's files cover, by the force's name in its file
    /// names ("devon-and-cornwall"): the area's name written the same way. Null for forces with no
    /// area of their own (British Transport Police, Northern Ireland's).
    /// </summary>
    public static string? ForceAreaOf(string force)
    {
        var wanted = force.Trim().ToLowerInvariant() switch
        {
            "metropolitan" => "metropolitan-police",
            "city-of-london" => "london-city-of",
            var other => other,
        };
        return ForceAreasBySlug.Value.GetValueOrDefault(wanted);
    }

    private static readonly Lazy<FrozenDictionary<string, string>> ForceAreasBySlug = new(() =>
        Districts.Values.DistinctBy(d => d.ForceAreaCode).ToFrozenDictionary(d => Slug(d.ForceAreaName), d => d.ForceAreaCode, StringComparer.Ordinal));

    private static string Slug(string name)
    {
        var words = name.ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal)
            .Split([' ', ',', '-', '.', '\''], StringSplitOptions.RemoveEmptyEntries);
        return string.Join('-', words);
    }
}
