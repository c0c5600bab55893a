using SafeCity.RecordFiles;
using SafeCity.RecordFiles.PoliceData;

namespace SafeCity.Kernel.Tests.Records;

public class PoliceStreetCsvTests
{
    private const string Header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
    private static readonly string Id = new('a', 64);

    private static async Task<List<(PoliceStreetRow? Row, RejectedRow? Rejected)>> ReadAsync(string text)
    {
        var rows = new List<(PoliceStreetRow?, RejectedRow?)>();
        await foreach (var row in PoliceStreetCsv.ReadAsync(new StringReader(text)))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task A_current_row_is_read_with_its_quoted_outcome_and_local_authority()
    {
        var rows = await ReadAsync("\uFEFF" + Header + "\n" +
            $"{Id},2008-04,Hampshire Constabulary,Hampshire Constabulary,-1.404194,50.904461,On or near Above Bar Street,E01017139,Southampton 029A,Burglary,\"Investigation complete; no suspect identified\",\n");

        var row = Assert.Single(rows).Row!;
        Assert.Equal((2L, Id, "2008-04", "Burglary"), (row.Line, row.Reference, row.Month, row.CrimeType));
        Assert.Equal(("On or near Above Bar Street", "E01017139", "Southampton 029A", "Southampton"), (row.Location, row.LsoaCode, row.LsoaName, row.LocalAuthority));
        Assert.Equal("Investigation complete; no suspect identified", row.Outcome);
        Assert.Equal((-1.404194, 50.904461), (row.Longitude!.Value, row.Latitude!.Value));
    }

    [Fact]
    public async Task Quoted_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var rows = await ReadAsync(Header + "\n" +
            $"{Id},2008-04,Hampshire Constabulary,Hampshire Constabulary,,,\"On or near \"\"The Dolphin\"\", Above Bar\",E01017139,Southampton 029A,Robbery,\"Under\ninvestigation\",\n" +
            $"{new string('b', 64)},2008-04,Hampshire Constabulary,Hampshire Constabulary,,,No Location,,,Drugs,,\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal("On or near \"The Dolphin\", Above Bar", rows[0].Row!.Location);
        Assert.Equal("Under\ninvestigation", rows[0].Row!.Outcome);
        Assert.Equal(4, rows[1].Row!.Line);
        Assert.Null(rows[1].Row!.Location);
        Assert.Null(rows[1].Row!.LocalAuthority);
    }

    [Fact]
    public async Task Anti_social_behaviour_rows_get_the_same_references_each_time_and_identical_rows_stay_apart()
    {
        const string asb = ",2008-04,Hampshire Constabulary,Hampshire Constabulary,-1.4,50.9,On or near Park,E01017139,Southampton 029A,Anti-social behaviour,,";
        var text = Header + "\n" + asb + "\n" + asb + "\n" + asb.Replace("Park", "Quay") + "\n";

        var first = (await ReadAsync(text)).Select(r => r.Row!.Reference).ToList();
        var second = (await ReadAsync(text)).Select(r => r.Row!.Reference).ToList();

        Assert.Equal(first, second);
        Assert.Equal(3, first.Distinct().Count());
        Assert.EndsWith("-1", first[0]);
        Assert.EndsWith("-2", first[1]);
    }

    [Fact]
    public async Task An_older_file_without_Crime_ID_or_LSOA_columns_is_read()
    {
        var rows = await ReadAsync("Month,Reported by,Falls within,Longitude,Latitude,Location,Crime type,Context\n2010-12,Hampshire Constabulary,Hampshire Constabulary,-1.4,50.9,On or near Park,Violent crime,\n");

        var row = Assert.Single(rows).Row!;
        Assert.Equal(("2010-12", "Violent crime"), (row.Month, row.CrimeType));
        Assert.StartsWith("derived-", row.Reference);
        Assert.Equal(["violence", "alcohol"], PoliceCrimeTypes.ThemesFor(row.CrimeType));
    }

    [Theory]
    [InlineData("{0},2008-13,X,X,,,L,E1,Southampton 001A,Burglary,,", "Month is not a month like 2008-04 (it has 7 characters)")]
    [InlineData("{0},April,X,X,,,L,E1,Southampton 001A,Burglary,,", "Month is not a month like 2008-04 (it has 5 characters)")]
    [InlineData("{0},2008-04,X,X,,,L,E1,Southampton 001A,Cheque fraud,,", "Crime type is not one data.police.uk uses (it has 12 characters)")]
    [InlineData("{0},2008-04,X,X,,,L,E1,Southampton 001A,,,", "no Crime type")]
    [InlineData("12345,2008-04,X,X,,,L,E1,Southampton 001A,Burglary,,", "Crime ID")]
    [InlineData("{0},2008-04,X,X,west,50,L,E1,Southampton 001A,Burglary,,", "Longitude or Latitude is not a coordinate")]
    [InlineData("{0},2008-04,X,X,-1.4,95,L,E1,Southampton 001A,Burglary,,", "Longitude or Latitude is not a coordinate")]
    [InlineData("{0},2008-04,Burglary", "3 fields where the header has 12")]
    [InlineData("{0},2008-04,X,X,,,L,E1,Southampton 001A,Burglary,,,extra", "13 fields")]
    [InlineData("{0},2008-04,X,X,,,'; DROP TABLE records; --,E1,Southampton 001A,Burglary,,,", "13 fields")]
    public async Task A_bad_row_is_reported_with_its_line_and_reason_and_the_next_row_is_still_read(string line, string reason)
    {
        var rows = await ReadAsync(Header + "\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, line, Id) + "\n" +
            $"{new string('c', 64)},2008-05,X,X,,,L,E1,Southampton 001A,Burglary,,\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows[0].Rejected!.Line);
        Assert.Contains(reason, rows[0].Rejected!.Reason);
        Assert.Equal("2008-05", rows[1].Row!.Month);
    }

    [Fact]
    public async Task An_enormous_field_is_refused()
    {
        var rows = await ReadAsync(Header + "\n" + $"{Id},2008-04,X,X,,,{new string('x', 5000)},E1,Southampton 001A,Burglary,,\n");

        Assert.Contains("5,000 characters", Assert.Single(rows).Rejected!.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("name,address\nJohn,1 High Street\n")]
    public async Task A_file_that_is_not_a_street_level_crime_file_is_refused_at_its_first_line(string text)
    {
        var rows = await ReadAsync(text);

        Assert.Equal(1, Assert.Single(rows).Rejected!.Line);
    }

    [Fact]
    public void Every_crime_type_has_an_owning_theme_and_every_theme_named_exists()
    {
        string[] current = ["Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other crime", "Other theft",
            "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person", "Vehicle crime", "Violence and sexual offences"];
        var themes = Seed.SeedFidelityTests.Themes.Select(t => t.Slug).ToHashSet();

        Assert.All(current, type => Assert.NotNull(PoliceCrimeTypes.Find(type)));
        Assert.All(PoliceCrimeTypes.All, r => Assert.Contains(r.Owner, themes));
        Assert.All(PoliceCrimeTypes.All.SelectMany(r => r.AlsoCountedBy), t => Assert.Contains(t, themes));
    }
}
