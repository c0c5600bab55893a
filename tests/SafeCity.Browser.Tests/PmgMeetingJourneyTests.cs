using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

/// <summary>
/// A PMG meeting from its exception list to a recorded remedial action, then the Delivery Board
/// report that escalates it once past its date, and that report's Excel download.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PmgMeetingJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_PMG_records_a_remedial_action_on_its_exception_list_and_the_Delivery_Board_sees_it_escalated_and_exports_it()
    {
        var page = await fixture.NewPageAsync();

        // Accidental dwelling fires in May are far over the trajectory of a year's target of 187.
        var recorded = await page.APIRequest.PostAsync("/api/asb-arson/indicators/P14.I6/measurements", new() { DataObject = new { period = "2008-05", value = 60 } });
        Assert.Equal(201, recorded.Status);
        await WaitForGovernanceAsync(page, "P14.I6", "2008-05");

        // The PMG draws up the list for its meeting of 2 October 2008, as at the end of September.
        await page.GotoAsync("/pmg");
        await page.GetByLabel("Meeting date").FillAsync("2008-10-02");
        await page.GetByLabel("Performance as at").FillAsync("2008-09-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Draw up the exception list" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Meeting of 2 October 2008");
        var exception = page.Locator("#exceptions tr#exception-asb-arson-P14\\.I6");
        await Assertions.Expect(exception.Locator(".govuk-tag")).ToHaveTextAsync("Red");

        // …and agrees a remedial action on it, due at the end of October.
        await page.GetByLabel("Exception").SelectOptionAsync(new SelectOptionValue { Value = "indicator:asb-arson/P14.I6" });
        await page.GetByLabel("What is to be done").FillAsync("Home fire safety checks in the wards with most dwelling fires");
        await page.GetByLabel("Owner").FillAsync("Station Manager, Hampshire Fire and Rescue");
        await page.GetByLabel("Due date").FillAsync("2008-10-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record remedial action" }).ClickAsync();
        await Assertions.Expect(page.Locator("#remedial-actions")).ToContainTextAsync("Home fire safety checks");

        // A remedial action without an owner is refused, and nothing is recorded.
        await page.GetByLabel("What is to be done").FillAsync("Half a remedial action");
        await page.GetByLabel("Due date").FillAsync("2008-10-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record remedial action" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter who owns the remedial action");
        await Assertions.Expect(page.Locator("#remedial-actions tbody tr")).ToHaveCountAsync(1);

        // The Delivery Board's report in November: the action is past its date, so it is escalated.
        await page.GotoAsync("/delivery-board?asAt=2008-11-15");
        await Assertions.Expect(page.Locator("#escalated")).ToContainTextAsync("Home fire safety checks");
        // Priority 5's card at the top of the report leads to its page, as at the same date.
        await page.Locator("#glance-5 a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/delivery-board/priorities/5\\?asAt=2008-11-15$"));
        await Assertions.Expect(page.Locator("#report-indicator-P14\\.I6")).ToContainTextAsync("Forecast for March");
        await Assertions.Expect(page.Locator("#report-indicator-P14\\.I6 canvas[data-chart]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section#priority-5")).ToContainTextAsync("Overdue");

        // The report as a workbook.
        await page.GotoAsync("/delivery-board?asAt=2008-11-15");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as Excel (XLSX)" }).ClickAsync());
        Assert.Equal("delivery-board-2008-11-15.xlsx", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"safecity-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            var remedials = Sheet(file, "Remedial actions");
            var row = Assert.Single(remedials.Skip(1), r => r.Contains("Home fire safety checks in the wards with most dwelling fires"));
            Assert.Contains("Station Manager, Hampshire Fire and Rescue", row);
            Assert.Contains("2008-10-31", row);
            Assert.Contains("Escalated: past its due date", row);
            Assert.Contains(Sheet(file, "Exceptions").Skip(1), r => r.Contains("P14.I6") && r.Contains("Red"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<List<string>> Sheet(string file, string name)
    {
        using var document = SpreadsheetDocument.Open(file, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
    }

    private static async Task WaitForGovernanceAsync(IPage page, string indicator, string period)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var response = await page.APIRequest.GetAsync("/api/governance/performance");
            var tree = JsonDocument.Parse(await response.TextAsync()).RootElement;
            var found = tree.GetProperty("priorities").EnumerateArray().SelectMany(p => p.GetProperty("plans").EnumerateArray())
                .SelectMany(p => p.GetProperty("indicators").EnumerateArray())
                .Any(i => i.GetProperty("id").GetString() == indicator && i.GetProperty("latestPeriod").GetString() is { } latest && string.CompareOrdinal(latest, period) >= 0);
            if (found)
            {
                return;
            }

            await Task.Delay(300);
        }

        Assert.Fail($"Governance did not learn of {indicator} {period} within 20 s.");
    }
}
