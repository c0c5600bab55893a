using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SafeCity.Cli.Import;
using SafeCity.Testing;

namespace SafeCity.Integration.Tests;

/// <summary>
/// A national month as data.police.uk publishes it (../shared/data/police), imported with the command's
/// own code through the gateway: every district counted for the Most Similar Group, the family
/// compared in governance, Greater Manchester's missing file named, and only --area's rows sent to the themes.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MostSimilarGroupImportTests(PlatformFixture fixture)
{
    private async Task<JsonElement> ComparisonAsync(string measure, string period) =>
        await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/governance/most-similar-group?measure={measure}&period={Uri.EscapeDataString(period)}");

    [SkippableFact]
    public async Task A_national_months_folder_gives_the_family_its_rates_Manchester_named_missing_and_a_rank_history_that_grows_with_each_month()
    {
        Skip.If(SharedData.Folder is null, SharedData.Absent);
        using var channel = fixture.Channel();
        var output = new StringWriter();

        // The City of London has its own police, whose file is not in the folder, and no row of the month lies in it: none goes to the themes.
        var code = await ImportCommand.ImportPoliceStreetAsync(SharedData.Path("police", "2024-01"), "City of London", channel, fixture.Gateway, output);

        Assert.Equal(0, code);
        Assert.Contains("Counted 112,131 rows of 11 files", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("from 0 of 11 files", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Missing: Manchester. No data.police.uk file of Greater Manchester for January 2024.", output.ToString(), StringComparison.Ordinal);

        var violence = await ComparisonAsync("violence", "2024-01");
        var members = violence.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(14, members.Count);
        Assert.Equal("Manchester", Assert.Single(violence.GetProperty("missing").EnumerateArray()).GetProperty("name").GetString());
        var southampton = members.Single(m => m.GetProperty("name").GetString() == "Southampton");
        // The Southampton rows of January 2024 for violence and sexual offences, counted from the files (DistrictCounterTests checks every city),
        // over ONS's mid-2020 estimate, the nearest held.
        Assert.Equal(2020, southampton.GetProperty("populationMidYear").GetInt32());
        Assert.Equal(1000.0 * southampton.GetProperty("count").GetInt64() / southampton.GetProperty("population").GetInt64(), southampton.GetProperty("ratePer1000").GetDouble(), 9);
        var home = violence.GetProperty("southampton");
        Assert.Equal(1 + members.Count(m => m.GetProperty("ratePer1000").GetDouble() < southampton.GetProperty("ratePer1000").GetDouble()), home.GetProperty("rank").GetInt32());
        Assert.Equal(14, home.GetProperty("of").GetInt32());
        Assert.Single(violence.GetProperty("history").EnumerateArray());
        Assert.Contains("Open Government Licence", violence.GetProperty("attribution").GetString(), StringComparison.Ordinal);

        var damage = await ComparisonAsync("criminal-damage-and-arson", "2024-01");
        Assert.Equal(14, damage.GetProperty("members").GetArrayLength());

        // A second month: Portsmouth's rows go to the themes, and the history of Southampton's rank holds both months.
        var second = new StringWriter();
        Assert.Equal(0, await ImportCommand.ImportPoliceStreetAsync(SharedData.Path("police", "2019-01"), "Portsmouth", channel, fixture.Gateway, second));
        Assert.Contains("from 1 of 11 files", second.ToString(), StringComparison.Ordinal);
        Assert.Contains("Importing 2019-01-hampshire-street.csv (rows of Portsmouth only)", second.ToString(), StringComparison.Ordinal);
        var history = (await ComparisonAsync("violence", "2024-01")).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("period").GetString()).ToList();
        Assert.Equal(["2019-01", "2024-01"], history);
        var earlier = await ComparisonAsync("violence", "2019-01");
        Assert.Equal(2019, earlier.GetProperty("members").EnumerateArray().First().GetProperty("populationMidYear").GetInt32());
        // One row of Manchester lies in a neighbour's January 2019; it is not Manchester's month.
        Assert.Equal("Manchester", Assert.Single(earlier.GetProperty("missing").EnumerateArray()).GetProperty("name").GetString());

        // Importing a month again replaces it: the figures stay the same.
        Assert.Equal(0, await ImportCommand.ImportPoliceStreetAsync(SharedData.Path("police", "2024-01"), "City of London", channel, fixture.Gateway, new StringWriter()));
        Assert.Equal(violence.GetProperty("members").ToString(), (await ComparisonAsync("violence", "2024-01")).GetProperty("members").ToString());

        var csv = await fixture.Gateway.GetStringAsync("/api/governance/most-similar-group.csv?measure=violence&period=2024-01");
        Assert.Contains("Southampton", csv, StringComparison.Ordinal);
        Assert.Contains("Missing: No data.police.uk file of Greater Manchester", csv, StringComparison.Ordinal);
        using var xlsx = await fixture.Gateway.GetAsync("/api/governance/most-similar-group.xlsx?measure=violence&period=2024-01");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Counts_that_do_not_add_up_are_refused_naming_the_field_and_nothing_is_held()
    {
        var before = await fixture.Gateway.GetStringAsync("/api/governance/most-similar-group/police-counts");
        var body = new
        {
            month = "2030-01",
            force = "hampshire",
            file = "2030-01-hampshire-street.csv",
            rows = 5,
            withoutLsoa = 0,
            unknownLsoa = 0,
            rejected = 0,
            counts = new[] { new { district = "E06000045", crimeType = "Burglary", count = 4 }, new { district = "E06000045", crimeType = "Robbery", count = 4 } },
        };
        using var reply = await fixture.Gateway.PostAsJsonAsync("/api/governance/most-similar-group/police-counts", body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        var problem = await reply.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("more than the file's rows", problem.GetProperty("errors").GetProperty("counts")[0].GetString(), StringComparison.Ordinal);

        using var unknown = await fixture.Gateway.PostAsJsonAsync("/api/governance/most-similar-group/police-counts", new
        {
            month = "2030-01",
            force = "hampshire",
            file = "f.csv",
            rows = 5,
            withoutLsoa = 0,
            unknownLsoa = 0,
            rejected = 0,
            counts = new[] { new { district = "X99", crimeType = "Burglary", count = 1 } },
        });
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("district code of England or Wales", unknownProblem.GetProperty("errors").GetProperty("counts[0].district")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("X99", unknownProblem.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Gateway.GetStringAsync("/api/governance/most-similar-group/police-counts"));

        using var wrongPeriod = await fixture.Gateway.GetAsync("/api/governance/most-similar-group?measure=violence&period=last-tuesday");
        Assert.Equal(HttpStatusCode.BadRequest, wrongPeriod.StatusCode);
        Assert.Contains("12 months to 2024-01", await wrongPeriod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_population_file_is_imported_whole_or_not_at_all_with_every_bad_row_named()
    {
        var bad = "ltla21_code,ltla21_name,total_population\nE06000045,Southampton,260000\nE06000044,,210000\nZ99,Nowhere,5\nE06000045,Southampton again,1\n";
        using var refused = await fixture.Gateway.PostAsJsonAsync("/api/governance/most-similar-group/populations", new { midYear = 2021, csv = bad });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("csv").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(3, errors.Count);
        Assert.StartsWith("Line 3: The district's name", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 4: The district code", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("Line 5: The district E06000045 is given twice", errors[2], StringComparison.Ordinal);
        var held = await fixture.Gateway.GetFromJsonAsync<JsonElement[]>("/api/governance/most-similar-group/populations");
        Assert.Equal([2019, 2020], held!.Select(e => e.GetProperty("midYear").GetInt32()));

        // The command: a good file of an early year (never the nearest to a month held by the other tests).
        using var temp = new TempFile("ltla_code,ltla_name,All ages\nE06000045,Southampton,\"201,000\"\nE06000044,Portsmouth,180000\n");
        var output = new StringWriter();
        Assert.Equal(0, await PopulationImport.RunAsync(fixture.Gateway, ["population", temp.Path, "--mid-year", "1990"], output));
        Assert.Contains("Imported the mid-1990 estimate: 2 districts", output.ToString(), StringComparison.Ordinal);
        held = await fixture.Gateway.GetFromJsonAsync<JsonElement[]>("/api/governance/most-similar-group/populations");
        Assert.Equal([1990, 2019, 2020], held!.Select(e => e.GetProperty("midYear").GetInt32()));
        Assert.Equal(0, await PopulationImport.RunAsync(fixture.Gateway, ["population", temp.Path, "--mid-year", "1990"], new StringWriter()));
        Assert.Equal(3, (await fixture.Gateway.GetFromJsonAsync<JsonElement[]>("/api/governance/most-similar-group/populations"))!.Length);
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(string text) => File.WriteAllText(Path, text);

        public string Path { get; } = System.IO.Path.GetTempFileName();

        public void Dispose() => File.Delete(Path);
    }
}
