using System.Net.Http.Json;
using System.Text.Json;
using SafeCity.Cli.Import;

namespace SafeCity.Integration.Tests;

[Collection(PlatformCollection.Name)]
public sealed class PoliceImportTests(PlatformFixture fixture)
{
    private static PoliceCsvBuilder SampleMonth()
    {
        var csv = new PoliceCsvBuilder();
        for (var i = 0; i < 12; i++)
        {
            csv.Crime("2008-10", "Burglary", location: i % 3 == 0 ? "On or near Portswood Road" : "On or near Above Bar Street");
        }

        for (var i = 0; i < 7; i++)
        {
            csv.Crime("2008-10", "Vehicle crime");
        }

        for (var i = 0; i < 4; i++)
        {
            csv.Crime("2008-10", "Robbery");
        }

        for (var i = 0; i < 9; i++)
        {
            csv.Crime("2008-10", "Violence and sexual offences", location: "On or near Bedford Place");
        }

        for (var i = 0; i < 5; i++)
        {
            csv.Crime("2008-10", "Criminal damage and arson");
        }

        // Three identical anti-social behaviour rows (no Crime ID): three incidents, not one.
        csv.Crime("2008-10", "Anti-social behaviour").Crime("2008-10", "Anti-social behaviour").Crime("2008-10", "Anti-social behaviour");
        csv.Crime("2008-10", "Drugs").Crime("2008-10", "Other crime").Crime("2008-10", "Shoplifting");
        // Rows of another city, left out by --area Southampton.
        csv.Crime("2008-10", "Burglary", lsoaName: "Portsmouth 001A", lsoaCode: "E01017001").Crime("2008-10", "Robbery", lsoaName: "Portsmouth 002B", lsoaCode: "E01017002");
        csv.Raw("abc,2008-13,Hampshire Constabulary,Hampshire Constabulary,-1.4,50.9,On or near X,E01017139,Southampton 029A,Burglary,,");
        csv.Raw("," + "2008-10,Hampshire Constabulary,Hampshire Constabulary,-1.4,50.9,On or near X,E01017139,Southampton 029A,Cheque fraud,,");
        csv.Raw("only,three,fields");
        return csv;
    }

    [Fact]
    public async Task Importing_a_month_gives_counts_and_indicators_that_agree_with_a_hand_count_and_importing_again_changes_nothing()
    {
        var csv = SampleMonth();
        using var channel = fixture.Channel();
        var output = new StringWriter();

        var first = await new PoliceStreetImport(channel, output).RunAsync(new StringReader(csv.Build()), "Southampton", CancellationToken.None);

        Assert.Equal(csv.LineCount - 1, first.RowsRead);
        Assert.Equal(2, first.OutsideArea);
        // The header is line 1, so the three bad rows after the good ones are lines n + 2 to n + 4.
        Assert.Equal([csv.Rows.Count + 2L, csv.Rows.Count + 3L, csv.Rows.Count + 4L], first.Rejected.Select(r => r.Line).Order());
        Assert.Contains(first.Rejected, r => r.Reason.Contains("Month is not a month like 2008-04"));
        Assert.Contains(first.Rejected, r => r.Reason.Contains("Crime type is not one data.police.uk uses"));
        Assert.DoesNotContain(first.Rejected, r => r.Reason.Contains("2008-13") || r.Reason.Contains("Cheque fraud"));
        Assert.Contains(first.Rejected, r => r.Reason.Contains("3 fields"));
        Assert.Equal((12, 0, 0), first.ByTheme[("acquisitive-crime", "Burglary")]);
        Assert.Equal((4, 0, 0), first.ByTheme[("violence", "Robbery")]);
        Assert.Equal((9, 0, 0), first.ByTheme[("alcohol", "Violence and sexual offences")]);
        Assert.Equal((3, 0, 0), first.ByTheme[("asb-arson", "Anti-social behaviour")]);

        var counts = await fixture.Gateway.GetFromJsonAsync<JsonElement[]>("/api/acquisitive-crime/records/counts?from=2008-10&to=2008-10");
        var byCategory = counts!.ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(12, byCategory["Burglary"]);
        Assert.Equal(7, byCategory["Vehicle crime"]);
        Assert.Equal(4, byCategory["Robbery"]);
        Assert.Equal(1, byCategory["Shoplifting"]);

        // Serious acquisitive crime: 12 + 7 + 4 = 23 in October 2008, per 1,000 of 228,000 people.
        var sac = await MeasurementAsync("acquisitive-crime", "P5.I1", "2008-10");
        Assert.Equal(Math.Round(23 * 1000.0 / 228_000, 4), sac!.Value.GetProperty("value").GetDouble());
        Assert.Equal("computed", sac.Value.GetProperty("source").GetString());
        Assert.Equal(12, (await MeasurementAsync("acquisitive-crime", "P5.I3", "2008-10"))!.Value.GetProperty("value").GetDouble());
        // Plan 13's criminal damage "without arson" is never fed by police.uk's category, which holds arson too.
        Assert.Null(await MeasurementAsync("asb-arson", "P13.I1", "2008-10"));
        Assert.Null(await MeasurementAsync("acquisitive-crime", "P5.I2", "2008-10"));

        var again = await new PoliceStreetImport(channel, output).RunAsync(new StringReader(csv.Build()), "Southampton", CancellationToken.None);

        Assert.Equal(0, again.Accepted);
        Assert.Equal(first.Accepted, again.Duplicates);
        var recount = await fixture.Gateway.GetFromJsonAsync<JsonElement[]>("/api/acquisitive-crime/records/counts?from=2008-10&to=2008-10");
        Assert.Equal(JsonSerializer.Serialize(counts), JsonSerializer.Serialize(recount));
        var csvFile = await fixture.Gateway.GetStringAsync("/api/asb-arson/records/counts?from=2008-10&to=2008-10&format=csv");
        Assert.Contains("2008-10,Anti-social behaviour,3", csvFile);
        Assert.StartsWith("month,category,count", csvFile);
    }

    [Fact]
    public async Task A_real_month_of_Southamptons_police_data_is_counted_row_for_row()
    {
        // data.police.uk's January 2024 for Hampshire, Southampton's 2,827 rows (Open Government Licence; see the folder's README).
        var file = Path.Combine(SafeCity.LocalPlatform.LocalPlatformHost.FindRepositoryRoot(), "tests", "SafeCity.Kernel.Tests", "Records", "RealData", "2024-01-hampshire-street-southampton.csv.gz");
        string text;
        using (var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress)))
        {
            text = await reader.ReadToEndAsync();
        }

        // The file's own count of each crime type, read with the project's CSV reader, before anything is imported.
        var csv = await SafeCity.RecordFiles.CsvRecords.OpenAsync(new StringReader(text), CancellationToken.None);
        var column = csv.Header.IndexOf("Crime type");
        var types = new Dictionary<string, int>();
        await foreach (var (_, fields, _) in csv.Rows)
        {
            types[fields[column]] = types.GetValueOrDefault(fields[column]) + 1;
        }

        using var channel = fixture.Channel();

        var result = await new PoliceStreetImport(channel, TextWriter.Null).RunAsync(new StringReader(text), "Southampton", CancellationToken.None);

        Assert.Equal(2827, result.RowsRead);
        Assert.Equal(2827, types.Values.Sum());
        Assert.Empty(result.Rejected);
        Assert.Equal(0, result.OutsideArea);
        foreach (var (crimeType, count) in types)
        {
            // Every crime type is kept by a theme, and by each theme that keeps it every row is counted: none refused.
            var kept = result.ByTheme.Where(k => k.Key.Category == crimeType).ToList();
            Assert.True(kept.Count > 0, $"No theme keeps {crimeType}.");
            Assert.All(kept, k => Assert.Equal((crimeType, count, 0), (crimeType, k.Value.Accepted + k.Value.Duplicates, k.Value.Rejected)));
        }

        var counts = await fixture.Gateway.GetFromJsonAsync<JsonElement[]>("/api/violence/records/counts?from=2024-01&to=2024-01");
        Assert.Equal(result.ByTheme[("violence", "Violence and sexual offences")].Accepted,
            counts!.Single(c => c.GetProperty("category").GetString() == "Violence and sexual offences").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_computed_value_reaches_governance_like_an_entered_one()
    {
        var csv = new PoliceCsvBuilder();
        for (var i = 0; i < 6; i++)
        {
            csv.Crime("2008-11", "Burglary");
        }

        using var channel = fixture.Channel();
        await new PoliceStreetImport(channel, TextWriter.Null).RunAsync(new StringReader(csv.Build()), null, CancellationToken.None);

        var arrived = await PlatformFixture.EventuallyAsync(async () =>
            (await fixture.GovernanceIndicatorAsync("P5.I3"))?.GetProperty("latestPeriod").GetString() == "2008-11", TimeSpan.FromSeconds(15));
        Assert.True(arrived, "The computed burglary count did not reach governance.");
        Assert.Equal(6, (await fixture.GovernanceIndicatorAsync("P5.I3"))!.Value.GetProperty("latestValue").GetDouble());
    }

    private async Task<JsonElement?> MeasurementAsync(string theme, string indicatorId, string period)
    {
        var all = await fixture.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/{theme}/indicators/{indicatorId}/measurements");
        return all!.Select(m => (JsonElement?)m).FirstOrDefault(m => m!.Value.GetProperty("period").GetString() == period);
    }
}
