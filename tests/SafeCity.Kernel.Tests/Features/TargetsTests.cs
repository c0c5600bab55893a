using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SafeCity.Communities;
using SafeCity.Kernel.Features.SetTargets;
using SafeCity.Kernel.Tests.Services;

namespace SafeCity.Kernel.Tests.Features;

/// <summary>Targets belong to the partnership: set for a year by page or API, every change kept, none inferred for a year nobody set.</summary>
public sealed class TargetsTests : IDisposable
{
    private readonly AlcoholServiceFactory _factory = new();

    private static JsonElement Indicator(JsonElement plan, string id) =>
        plan.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    private async Task<JsonElement> PlanAsync(HttpClient client, int number, string? asAt = null) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/alcohol/plans/{number}" + (asAt is null ? "" : "?asAt=" + asAt));

    [Fact]
    public async Task A_year_nobody_set_a_target_for_is_not_rated_until_the_partnership_sets_one()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/alcohol/indicators/P1.I1/measurements", new { period = "2009-04", value = 100 })).StatusCode);

        var before = Indicator(await PlanAsync(client, 1), "P1.I1");
        Assert.Equal("NotRated", before.GetProperty("rag").GetString());
        Assert.Equal("Not rated: no target for 2009/10.", before.GetProperty("ragReason").GetString());

        var set = await client.PutAsJsonAsync("/api/alcohol/indicators/P1.I1/targets/2009",
            new { value = 1300, withStretch = (double?)null, withoutStretch = (double?)null, asWritten = "1,300", reason = "LAA refresh, June 2008" });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var after = Indicator(await PlanAsync(client, 1), "P1.I1");
        Assert.Equal("Green", after.GetProperty("rag").GetString());
        Assert.Equal(1300.0 / 12, after.GetProperty("target").GetDouble(), 6);
        var targets = after.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(["2008/09", "2009/10"], targets.Select(t => t.GetProperty("year").GetString()));
        Assert.Equal(("printed", 2706), (targets[0].GetProperty("source").GetProperty("kind").GetString(), targets[0].GetProperty("source").GetProperty("line").GetInt32()));
        var source = targets[1].GetProperty("source");
        Assert.Equal(("set", "anonymous", "LAA refresh, June 2008"), (source.GetProperty("kind").GetString(), source.GetProperty("by").GetString(), source.GetProperty("reason").GetString()));
        var change = Assert.Single(after.GetProperty("targetHistory").EnumerateArray());
        Assert.Equal("2009/10", change.GetProperty("year").GetString());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("before").ValueKind);
        Assert.Equal("1,300", change.GetProperty("after").GetProperty("asWritten").GetString());
    }

    [Fact]
    public async Task A_later_year_is_never_judged_by_an_earlier_years_target()
    {
        var client = _factory.CreateClient();
        await client.PostAsJsonAsync("/api/alcohol/indicators/P1.I1/measurements", new { period = "2010-04", value = 500 });

        var indicator = Indicator(await PlanAsync(client, 1), "P1.I1");

        Assert.Equal("NotRated", indicator.GetProperty("rag").GetString());
        Assert.Equal("Not rated: no target for 2010/11.", indicator.GetProperty("ragReason").GetString());
        Assert.Equal(JsonValueKind.Null, indicator.GetProperty("annualTarget").ValueKind);
    }

    [Fact]
    public async Task A_target_that_breaks_the_rules_is_refused_naming_each_field_and_nothing_changes()
    {
        var client = _factory.CreateClient();
        var revision = (await PlanAsync(client, 1)).GetProperty("indicators").ToString();
        var longReason = new string('x', 400);

        var refused = await client.PutAsJsonAsync("/api/alcohol/indicators/P1.I1/targets/2009", new { value = -5, reason = longReason });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("value", out _));
        Assert.Contains("300 characters", errors.GetProperty("reason")[0].GetString());
        Assert.DoesNotContain(longReason, problem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync("/api/alcohol/indicators/P1.I1/targets/1999", new { value = 5, reason = "r" })).StatusCode);
        var both = await client.PutAsJsonAsync("/api/alcohol/indicators/P1.I1/targets/2009", new { value = 5, changePercent = -5, baseYear = "2008/09", reason = "r" });
        Assert.True((await both.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("value", out _));
        Assert.Equal(revision, (await PlanAsync(client, 1)).GetProperty("indicators").ToString());
    }

    [Fact]
    public async Task An_indicator_printed_here_but_held_by_another_plan_takes_its_targets_there()
    {
        var client = _factory.CreateClient();

        var refused = await client.PutAsJsonAsync("/api/alcohol/indicators/P1.I2/targets/2009", new { value = 5, reason = "LAA refresh" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("violence theme's plan 4 (P4.I3)", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("indicatorId")[0].GetString());
        var held = Indicator(await PlanAsync(client, 1), "P1.I2");
        Assert.Equal("violence", held.GetProperty("heldBy").GetProperty("theme").GetString());
        Assert.Equal("NotRated", held.GetProperty("rag").GetString());
    }

    [Fact]
    public async Task The_LAA_refresh_imports_every_row_or_none_and_names_each_bad_row()
    {
        var client = _factory.CreateClient();
        var bad = "indicator,year,target\nP1.I1,2009/10,1300\nP9.I9,2009/10,5\nP1.I6,2009,about ten\nP1.I1,2009,1200\n";

        var refused = await client.PostAsync("/api/alcohol/targets/import?reason=LAA%20refresh", new StringContent(bad, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["line 3", "line 4", "line 5"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Indicator(await PlanAsync(client, 1), "P1.I1").GetProperty("targets").EnumerateArray(), t => t.GetProperty("year").GetString() == "2009/10");

        var good = "indicator,year,target,withStretch,withoutStretch\nP1.I1,2009/10,5% reduction on 2008/09,,\nP1.I6,2010,8,,\nP2.I1,2009,,600,650\n";
        // What a cross-site form could send unasked (text/plain) is not a file of targets.
        var plain = await client.PostAsync("/api/alcohol/targets/import?reason=LAA%20refresh", new StringContent(good, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.DoesNotContain(Indicator(await PlanAsync(client, 1), "P1.I6").GetProperty("targets").EnumerateArray(), t => t.GetProperty("year").GetString() == "2010/11");

        var imported = await client.PostAsync("/api/alcohol/targets/import?reason=LAA%20refresh", new StringContent(good, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(3, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("targetsSet").GetInt32());
        var p1 = await PlanAsync(client, 1);
        var change = Indicator(p1, "P1.I1").GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("year").GetString() == "2009/10");
        Assert.Equal((-5.0, "2008/09"), (change.GetProperty("changePercent").GetDouble(), change.GetProperty("baseYear").GetString()));
        Assert.Equal("LAA refresh", change.GetProperty("source").GetProperty("reason").GetString());
        Assert.Contains(Indicator(p1, "P1.I6").GetProperty("targets").EnumerateArray(), t => t.GetProperty("year").GetString() == "2010/11" && t.GetProperty("value").GetDouble() == 8);
        var stretch = Indicator(await PlanAsync(client, 2), "P2.I1").GetProperty("targets").EnumerateArray().Single();
        Assert.Equal((600.0, 650.0), (stretch.GetProperty("withStretch").GetDouble(), stretch.GetProperty("withoutStretch").GetDouble()));
    }

    [Fact]
    public async Task The_LAA_refresh_takes_an_excel_workbook_too()
    {
        var client = _factory.CreateClient();
        var content = new ByteArrayContent(Workbook(["indicator", "year", "target"], ["P1.I4", "2009/10", "12"]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var imported = await client.PostAsync("/api/alcohol/targets/import?reason=LAA%20refresh", content);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains(Indicator(await PlanAsync(client, 1), "P1.I4").GetProperty("targets").EnumerateArray(),
            t => t.GetProperty("year").GetString() == "2009/10" && t.GetProperty("annualFigure").GetDouble() == 12);
    }

    [Fact]
    public async Task A_change_on_a_base_year_is_rated_once_that_years_whole_figure_is_recorded()
    {
        var client = _factory.CreateClient();
        await client.PutAsJsonAsync("/api/alcohol/indicators/P1.I4/targets/2009", new { changePercent = -10, baseYear = "2008/09", reason = "LAA refresh" });
        await client.PostAsJsonAsync("/api/alcohol/indicators/P1.I4/measurements", new { period = "2009/10", value = 80 });

        var waiting = Indicator(await PlanAsync(client, 1), "P1.I4");
        Assert.Equal("NotRated", waiting.GetProperty("rag").GetString());
        Assert.Contains("2008/09 has no full-year figure", waiting.GetProperty("ragReason").GetString());

        await client.PostAsJsonAsync("/api/alcohol/indicators/P1.I4/measurements", new { period = "2008/09", value = 100 });
        var rated = Indicator(await PlanAsync(client, 1), "P1.I4");
        Assert.Equal(90, rated.GetProperty("annualTarget").GetDouble(), 6);
        Assert.Equal("Green", rated.GetProperty("rag").GetString());
    }

    [Fact]
    public async Task Ninety_five_more_HMO_licences_meet_plan_19_whether_entered_as_added_or_as_held()
    {
        using var communities = new ThemeServiceFactory<CommunitiesTheme>();
        var client = communities.CreateClient();

        await client.PostAsJsonAsync("/api/communities/indicators/P19.I7/measurements", new { period = "2008/09", value = 95 });
        var asAdded = (await client.GetFromJsonAsync<JsonElement>("/api/communities/plans/19")).GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "P19.I7");
        Assert.Equal(("Green", 95.0), (asAdded.GetProperty("rag").GetString(), asAdded.GetProperty("annualTarget").GetDouble()));

        var held = await client.PostAsJsonAsync("/api/communities/indicators/P19.I7/measurements", new { period = "2008/09", value = 253, basis = "held" });
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        var kept = await held.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(95, kept.GetProperty("value").GetDouble());
        Assert.Contains("253 held", kept.GetProperty("note").GetString());
        var asHeld = (await client.GetFromJsonAsync<JsonElement>("/api/communities/plans/19")).GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "P19.I7");
        Assert.Equal("Green", asHeld.GetProperty("rag").GetString());

        var tooFew = await client.PostAsJsonAsync("/api/communities/indicators/P19.I7/measurements", new { period = "2008/09", value = 100, basis = "held" });
        Assert.Equal(HttpStatusCode.BadRequest, tooFew.StatusCode);
    }

    [Fact]
    public async Task Licences_held_in_a_later_year_are_counted_against_that_years_own_stock_not_the_plans_158()
    {
        using var communities = new ThemeServiceFactory<CommunitiesTheme>();
        var client = communities.CreateClient();

        // Without 2008/09's additions, 2009/10's stock at its start is not known.
        var unknown = await client.PostAsJsonAsync("/api/communities/indicators/P19.I7/measurements", new { period = "2009/10 Q1", value = 270, basis = "held" });
        await client.PostAsJsonAsync("/api/communities/indicators/P19.I7/measurements", new { period = "2008/09", value = 95 });
        var held = await client.PostAsJsonAsync("/api/communities/indicators/P19.I7/measurements", new { period = "2009/10 Q1", value = 270, basis = "held" });
        var kept = await held.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("2008/09", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        // 158 as at 29 February 2008, 95 added in 2008/09: 253 at the start of 2009/10, so 270 held is 17 added.
        Assert.Equal(17, kept.GetProperty("value").GetDouble());
        Assert.Contains("253 at the start of 2009/10", kept.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ZZZZZZ1", "A cell reference is beyond a sheet's 16,384 columns (to XFD).")]
    [InlineData("XFE1", "A cell reference is beyond a sheet's 16,384 columns (to XFD).")]
    [InlineData("KN1", "A target file uses its first 256 columns (to IV); a cell is in column 300.")]
    public async Task A_cell_placed_beyond_the_columns_a_target_file_may_use_is_refused_before_anything_is_padded(string reference, string problem)
    {
        using var file = new MemoryStream(Workbook(["indicator", "year", "target"], ["P1.I4", "2009/10", "12"]));
        using var far = new MemoryStream(WithCell(file.ToArray(), reference));

        var (rows, refused) = await TargetFile.ReadAsync(far, "targets.xlsx", CancellationToken.None);

        Assert.Equal(problem, refused);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task A_small_workbook_of_a_huge_sheet_is_refused_once_its_xml_passes_the_limit_and_a_long_one_stops_at_the_row_cap()
    {
        // 40 MB of XML in one cell compresses to a few kilobytes: the reader stops at 16 MB.
        using var bomb = new MemoryStream(Workbook(["indicator", "year", "target"], ["P1.I4", "2009/10", new string('9', 40 * 1024 * 1024)]));
        Assert.True(bomb.Length < 1024 * 1024, $"The workbook is {bomb.Length:N0} bytes.");
        var (_, refused) = await TargetFile.ReadAsync(bomb, "targets.xlsx", CancellationToken.None);
        Assert.Equal("A part of the workbook is longer than 16 MB of XML; a file of 2,000 targets needs far less.", refused);

        using var longSheet = new MemoryStream(Workbook([.. Enumerable.Range(0, 5_000).Select(i => new[] { "P1.I4", "2009/10", "12" }).Prepend(["indicator", "year", "target"])]));
        var (rows, tooMany) = await TargetFile.ReadAsync(longSheet, "targets.xlsx", CancellationToken.None);
        Assert.Equal("A file has up to 2,000 targets; this one has more.", tooMany);
        Assert.Empty(rows);
    }

    /// <summary>The workbook with one more cell, in the first row, at the reference given.</summary>
    private static byte[] WithCell(byte[] workbook, string reference)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var part = document.WorkbookPart!.WorksheetParts.Single();
            part.Worksheet.Descendants<Row>().First().AppendChild(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text("far")) });
            part.Worksheet.Save();
        }

        return stream.ToArray();
    }

    private static byte[] Workbook(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var row in rows)
            {
                data.AppendChild(new Row(row.Select(v => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(v)) })));
            }

            part.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets()).AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Targets" });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    public void Dispose() => _factory.Dispose();
}
