using System.IO.Compression;
using Microsoft.VisualBasic.FileIO;
using SafeCity.RecordFiles.PoliceData;
using SafeCity.RecordFiles.Reference;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Records;

/// <summary>
/// A national month counted for the Most Similar Group, against the real files beside the checkout
/// (../shared/data/police) and an independent count: .NET's own TextFieldParser and the ONS lookup as
/// published, read here without the platform's reader or its copy of the lookup.
/// </summary>
public sealed class DistrictCounterTests
{
    private static readonly string[] FamilyDistricts =
    [
        "E06000023", "E07000008", "W06000015", "E07000041", "E06000016", "E07000138", "E08000003", "E08000021",
        "E07000148", "E06000018", "E07000178", "E06000044", "E06000026", "E06000038", "E06000045",
    ];

    /// <summary>(district, crime type) → rows, counted plainly from the month's files and the published lookup.</summary>
    private static Dictionary<(string, string), int> IndependentCount(string month)
    {
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var parser = Parser(SharedData.Path("reference", "lookup-lsoa11-lsoa21-ltla22.csv")))
        {
            var header = parser.ReadFields()!.ToList();
            while (parser.ReadFields() is { } row)
            {
                lookup[row[header.IndexOf("lsoa11_code")]] = row[header.IndexOf("ltla22_code")];
                lookup[row[header.IndexOf("lsoa21_code")]] = row[header.IndexOf("ltla22_code")];
            }
        }

        var counts = new Dictionary<(string, string), int>();
        foreach (var file in Directory.GetFiles(SharedData.Path("police", month), "*-street.csv"))
        {
            using var parser = Parser(file);
            var header = parser.ReadFields()!.Select(h => h.TrimStart('\uFEFF')).ToList();
            while (parser.ReadFields() is { } row)
            {
                if (lookup.TryGetValue(row[header.IndexOf("LSOA code")], out var district))
                {
                    var key = (district, row[header.IndexOf("Crime type")]);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        return counts;
    }

    private static TextFieldParser Parser(string file)
    {
        var parser = new TextFieldParser(file, System.Text.Encoding.UTF8) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        return parser;
    }

    private static async Task<List<SafeCity.Contracts.MostSimilarGroup.ForceMonthCounts>> CountFolderAsync(string path)
    {
        var (files, problem) = PoliceStreetFiles.Find(path);
        Assert.Null(problem);
        var counted = new List<SafeCity.Contracts.MostSimilarGroup.ForceMonthCounts>();
        foreach (var file in files)
        {
            counted.Add(await DistrictCounter.CountAsync(file, CancellationToken.None));
        }

        return counted;
    }

    [SkippableTheory]
    [InlineData("2024-01")]
    [InlineData("2019-01")]
    public async Task A_shared_month_counted_by_district_and_crime_type_equals_an_independent_count_for_every_city_of_the_family(string month)
    {
        Skip.If(SharedData.Folder is null, SharedData.Absent);
        var counted = await CountFolderAsync(SharedData.Path("police", month));
        var expected = IndependentCount(month);

        Assert.Equal(11, counted.Count);
        Assert.All(counted, c => Assert.Equal(month, c.Month));
        Assert.DoesNotContain(counted, c => c.Force == "greater-manchester");
        var ours = counted.SelectMany(c => c.Counts).GroupBy(c => (c.District, c.CrimeType)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        foreach (var district in FamilyDistricts)
        {
            var theirs = expected.Where(e => e.Key.Item1 == district).OrderBy(e => e.Key.Item2, StringComparer.Ordinal).ToList();
            var mine = ours.Where(o => o.Key.District == district).OrderBy(o => o.Key.CrimeType, StringComparer.Ordinal).Select(o => KeyValuePair.Create((o.Key.District, o.Key.CrimeType), o.Value)).ToList();
            Assert.Equal(theirs, mine);
        }

        // Every row is accounted for: placed, without an LSOA, or with one the lookup does not know.
        Assert.Equal(counted.Sum(c => c.Rows), counted.Sum(c => c.Counts.Sum(x => (long)x.Count) + c.WithoutLsoa + c.UnknownLsoa + c.Rejected));
        Assert.Equal(0, counted.Sum(c => c.Rejected));
        Assert.True(ours.Where(o => o.Key.District == "E06000045").Sum(o => o.Value) > 2_000, "Southampton has thousands of rows a month");
    }

    [SkippableFact]
    public async Task The_archive_zip_gives_the_same_counts_as_its_folder_with_month_and_force_from_each_files_name()
    {
        Skip.If(SharedData.Folder is null, SharedData.Absent);
        using var temp = new TempDirectory();
        var zipPath = Path.Combine(temp.Path, "2024-01.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var force in new[] { "hampshire", "norfolk" })
            {
                zip.CreateEntryFromFile(SharedData.Path("police", "2024-01", $"2024-01-{force}-street.csv"), $"2024-01/2024-01-{force}-street.csv");
            }

            zip.CreateEntry("2024-01/2024-01-hampshire-outcomes.csv");
        }

        var fromZip = await CountFolderAsync(zipPath);
        var hampshire = await DistrictCounter.CountAsync(PoliceStreetFiles.Find(SharedData.Path("police", "2024-01", "2024-01-hampshire-street.csv")).Files[0], CancellationToken.None);

        Assert.Equal(["hampshire", "norfolk"], fromZip.Select(c => c.Force));
        Assert.Equal(hampshire.Counts, fromZip[0].Counts);
        Assert.Equal(13_484, fromZip[0].Rows);
        Assert.Equal(5_200, fromZip[1].Rows);
    }

    [Fact]
    public void A_file_is_named_for_its_month_and_force_only_as_data_police_uk_names_it()
    {
        using var temp = new TempDirectory();
        var named = Path.Combine(temp.Path, "2024-01-devon-and-cornwall-street.csv");
        var other = Path.Combine(temp.Path, "southampton.csv");
        File.WriteAllText(named, "Month,Crime type\n");
        File.WriteAllText(other, "Month,Crime type\n");

        var published = PoliceStreetFiles.Find(named).Files.Single();
        Assert.Equal(("2024-01", "devon-and-cornwall"), (published.Month, published.Force));
        Assert.False(PoliceStreetFiles.Find(other).Files.Single().IsNamedAsPublished);
        Assert.Contains("no file or folder", PoliceStreetFiles.Find(Path.Combine(temp.Path, "absent")).Problem, StringComparison.Ordinal);
        Assert.Equal("E23000035", ReferenceData.ForceAreaOf("devon-and-cornwall"));
        Assert.Equal("E23000030", ReferenceData.ForceAreaOf("hampshire"));
        Assert.Null(ReferenceData.ForceAreaOf("btp"));
    }

    [Fact]
    public async Task Rows_are_placed_by_LSOA_code_whatever_the_name_says_and_a_code_the_lookup_does_not_know_is_counted_apart()
    {
        // E01017139 is "Southampton 029A" in 2011 and "Southampton 033B" in 2021; E01018290 is South Cambridgeshire, not Cambridge.
        var csv = """
            Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context
            ,2024-01,Hampshire Constabulary,Hampshire Constabulary,-1.4,50.9,On or near Above Bar Street,E01017139,Southampton 033B,Anti-social behaviour,,
            ,2024-01,Hampshire Constabulary,Hampshire Constabulary,-1.4,50.9,On or near Above Bar Street,E01017139,Southampton 029A,Burglary,,
            ,2024-01,Cambridgeshire Constabulary,Cambridgeshire Constabulary,0.1,52.2,On or near High Street,E01018290,South Cambridgeshire 001A,Burglary,,
            ,2024-01,Hampshire Constabulary,Hampshire Constabulary,,,No Location,,,Burglary,,
            ,2024-01,Hampshire Constabulary,Hampshire Constabulary,-1.4,50.9,On or near X,E01999999,Nowhere 001A,Burglary,,
            ,2023-12,Hampshire Constabulary,Hampshire Constabulary,-1.4,50.9,On or near X,E01017139,Southampton 033B,Burglary,,
            """;
        var counts = await DistrictCounter.CountAsync(new StringReader(csv), "2024-01-hampshire-street.csv", "2024-01", "hampshire", CancellationToken.None);

        Assert.Equal(
            [new("E06000045", "Anti-social behaviour", 1), new("E06000045", "Burglary", 1), new(ReferenceData.LsoaDistricts["E01018290"].DistrictCode, "Burglary", 1)],
            counts.Counts);
        Assert.NotEqual("E07000008", ReferenceData.LsoaDistricts["E01018290"].DistrictCode);
        Assert.Equal((6L, 1L, 1L, 1L), (counts.Rows, counts.WithoutLsoa, counts.UnknownLsoa, counts.Rejected));

        var row = new PoliceStreetRow(1, "r", "2024-01", "Burglary", null, null, null, null, null, "E01018290", "South Cambridgeshire 001A", null);
        Assert.False(PoliceArea.Contains("Cambridge", row));
        Assert.True(PoliceArea.Contains("South Cambridgeshire", row));
        Assert.True(PoliceArea.Contains("Southampton", row with { LsoaCode = "E01017139", LsoaName = "Southampton 033B" }));
        Assert.False(PoliceArea.Contains("Southampton", row with { LsoaCode = "E01999999", LsoaName = "Southampton 001A" }));
    }
}
