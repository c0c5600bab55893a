using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SafeCity.Contracts.Themes;

namespace SafeCity.Browser.Tests;

/// <summary>
/// What officers, the PMG and the Board see first, on a platform filled with the demonstration year:
/// the priorities and what needs attention above the fold, dashboards that show where and when, and
/// each person's own work.
/// </summary>
[Collection(DemonstrationCollection.Name)]
public sealed class FirstScreenTests(DemonstrationFixture fixture)
{
    private const int ScreenWidth = 1280;
    private const int ScreenHeight = 900;

    private async Task<IPage> ScreenAsync(int width = ScreenWidth)
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(width, ScreenHeight);
        return page;
    }

    [Fact]
    public async Task The_home_page_shows_the_seven_priorities_RAG_and_what_needs_attention_on_the_first_screen()
    {
        var page = await ScreenAsync();
        await page.GotoAsync("/");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtefactsDirectory, "home-first-screen.png") });

        var cards = page.Locator("#priorities-at-a-glance > li");
        await Assertions.Expect(cards).ToHaveCountAsync(7);
        foreach (var card in await cards.AllAsync())
        {
            // Each priority's RAG is seen without scrolling.
            await Assertions.Expect(card.Locator(".safecity-rag")).ToHaveCountAsync(1);
            var box = await card.Locator(".safecity-rag").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y + box.Height <= ScreenHeight, $"A priority's RAG ends at {box.Y + box.Height:0} px, below the first screen ({ScreenHeight} px).");
        }

        // The same figures as the JSON gives, card by card.
        using var api = fixture.Api();
        var attention = await api.GetFromJsonAsync<JsonElement>("/api/governance/attention");
        foreach (var priority in attention.GetProperty("priorities").EnumerateArray())
        {
            var number = priority.GetProperty("number").GetInt32();
            var indicators = priority.GetProperty("indicators");
            var card = page.Locator($"#glance-{number}");
            await Assertions.Expect(card).ToHaveAttributeAsync("data-rag", priority.GetProperty("rag").GetString()!);
            if (indicators.GetProperty("red").GetInt32() is > 0 and var red)
            {
                await Assertions.Expect(card).ToContainTextAsync($"{red} red");
            }
        }

        var exceptions = attention.GetProperty("exceptions").GetArrayLength();
        Assert.True(exceptions > 0, "The demonstration year has no exceptions: nothing shows the attention lists working.");
        await Assertions.Expect(page.Locator("#exceptions h3")).ToContainTextAsync($"({exceptions})");
        await Assertions.Expect(page.Locator("#remedial-actions h3")).ToContainTextAsync($"({attention.GetProperty("remedialActions").GetArrayLength()}");
        await Assertions.Expect(page.Locator("#new-since-pmg h3")).ToContainTextAsync("26 March 2009");
        // The rules are one click away, not in the way.
        await Assertions.Expect(page.Locator("#how-rag-is-judged")).Not.ToHaveAttributeAsync("open", "");
        await Assertions.Expect(page.Locator("#demonstration-banner")).ToContainTextAsync("Demonstration data");
    }

    [Fact]
    public async Task The_demonstration_is_judged_as_at_the_end_of_its_year_with_most_indicators_rated_and_a_handful_of_exceptions()
    {
        using var api = fixture.Api();
        var attention = await api.GetFromJsonAsync<JsonElement>("/api/governance/attention");
        var counts = attention.GetProperty("priorities").EnumerateArray().Select(p => p.GetProperty("indicators"))
            .Select(i => (Rated: i.GetProperty("red").GetInt32() + i.GetProperty("amber").GetInt32() + i.GetProperty("green").GetInt32(), NotRated: i.GetProperty("notRated").GetInt32()))
            .Aggregate((a, b) => (a.Rated + b.Rated, a.NotRated + b.NotRated));
        Assert.True(counts.Rated >= 3 * counts.NotRated, $"{counts.Rated} indicators rated and {counts.NotRated} not: most should be.");
        // Judged as at 31 March 2009, not today: no exception asks for a later year's target, and they are a handful.
        var exceptions = attention.GetProperty("exceptions").EnumerateArray().ToList();
        // The demonstration's Southampton is above its family for violence, as paragraph 11 found it: paragraph 12's ranking is an exception too.
        var family = exceptions.Where(e => e.GetProperty("key").GetString()!.StartsWith("family:", StringComparison.Ordinal)).ToList();
        Assert.Contains(family, e => e.GetProperty("key").GetString() == "family:violence");
        Assert.InRange(exceptions.Count - family.Count, 1, 30);
        Assert.DoesNotContain(exceptions, e => e.ToString().Contains("2026", StringComparison.Ordinal));

        var page = await ScreenAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#demonstration-banner")).ToContainTextAsync("judged as at 31 March 2009");
        // An indicator the plan prints no target for is rated against one labelled as the demonstration's.
        await page.GotoAsync("/communities/indicators/P18.I7");
        await Assertions.Expect(page.Locator("#demonstration-banner")).ToContainTextAsync("judged as at 31 March 2009");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("demonstration target");
    }

    [Fact]
    public async Task The_demonstration_fills_the_most_similar_group_for_its_year_from_counts_labelled_as_generated()
    {
        var page = await ScreenAsync();
        await page.GotoAsync("/msg");

        await Assertions.Expect(page.Locator("#demonstration-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#family-verdict")).ToContainTextAsync("in March 2009, ranked");
        await Assertions.Expect(page.Locator("#family-table tbody tr")).ToHaveCountAsync(15);
        await Assertions.Expect(page.Locator("#family-missing")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#history-table tbody tr")).ToHaveCountAsync(24);
        using var api = fixture.Api();
        var held = await api.GetFromJsonAsync<System.Text.Json.JsonElement[]>("/api/governance/most-similar-group/police-counts");
        Assert.Equal(12 * 24, held!.Length); // twelve forces, the demonstration year and the year before
        Assert.All(held, h => Assert.Contains("generated for the demonstration, not data.police.uk", h.GetProperty("file").GetString(), StringComparison.Ordinal));

        // Paragraph 12's ranking in the Delivery Board report, over the twelve months to March 2009.
        await page.GotoAsync("/delivery-board?asAt=2009-03-31");
        await Assertions.Expect(page.Locator("#relative-ranking-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#relative-ranking-table")).ToContainTextAsync("the 12 months to March 2009");
        // Paragraph 66's "reduction in all crimes", by the police's count year on year: generated to fall.
        var allCrime = page.Locator("[data-outcome='1'] [data-police-count='all-crime']");
        await Assertions.Expect(allCrime).ToContainTextAsync("in April 2008 to March 2009 against");
        await Assertions.Expect(allCrime).ToContainTextAsync("a year before, improving");
    }

    [Fact]
    public async Task A_themes_dashboard_fits_in_about_two_screens_and_shows_where_and_when()
    {
        var page = await ScreenAsync();
        await page.GotoAsync("/alcohol/dashboard?from=2008-04&to=2009-03");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtefactsDirectory, "dashboard.png"), FullPage = true });

        await Assertions.Expect(page.Locator("#indicator-cards > li")).Not.ToHaveCountAsync(0);
        Assert.True(await page.Locator("#record-map polygon").CountAsync() > 20, "The map has too few hexagons to show where records are.");
        await Assertions.Expect(page.Locator("#record-map-caption")).ToContainTextAsync("records on Southampton's ground");
        await Assertions.Expect(page.Locator("#record-map svg").First).ToHaveAttributeAsync("role", "img");
        // On the city's own ground: its 148 LSOAs, shaded by their records, and the attribution the boundaries ask for.
        await Assertions.Expect(page.Locator("#lsoa-map path[data-lsoa]")).ToHaveCountAsync(148);
        Assert.True(await page.Locator("#lsoa-map path[data-lsoa]:not([data-count='0'])").CountAsync() > 10, "Too few LSOAs hold records.");
        await Assertions.Expect(page.Locator("#record-map-attribution")).ToContainTextAsync("Open Government Licence");
        await Assertions.Expect(page.Locator("#lsoa-table tbody tr")).ToHaveCountAsync(148);
        await Assertions.Expect(page.Locator("#top-streets tbody tr").First).ToContainTextAsync("On or near Above Bar Street");

        // The generated records gather on Friday and Saturday nights: the busiest hour must be one of them.
        var cells = await page.Locator("#day-and-hour tbody tr").EvaluateAllAsync<int[][]>(
            "rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(td => parseInt(td.textContent.replace(/[^0-9]/g, '') || '0', 10)))");
        Assert.Equal(7, cells.Length);
        var (day, hour) = Enumerable.Range(0, 7).SelectMany(d => Enumerable.Range(0, 24).Select(h => (d, h))).MaxBy(c => cells[c.d][c.h]);
        Assert.True(day is 4 or 5 or 6 && (hour >= 21 || hour <= 2), $"The busiest hour is day {day} at {hour}:00, not a Friday or Saturday night.");
        // The shading reaches the browser (a class of the stylesheet: the content security policy allows no inline style).
        var busiest = page.Locator($"#day-and-hour tbody tr:nth-child({day + 1}) td:nth-child({hour + 2})");
        Assert.Equal("rgb(0, 48, 120)", await busiest.EvaluateAsync<string>("td => getComputedStyle(td).backgroundColor"));

        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        Assert.True(height <= 2.5 * ScreenHeight, $"The dashboard is {height} px tall: more than about two screens.");
    }

    [Fact]
    public async Task The_owner_of_a_remedial_action_sees_it_under_My_work_from_the_header()
    {
        var page = await ScreenAsync();
        await page.GotoAsync("/");
        await page.Locator("#my-work-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My work");

        using var api = fixture.Api();
        var remedials = (await api.GetFromJsonAsync<JsonElement>("/api/governance/pmg/remedial-actions")).EnumerateArray()
            .Where(r => r.GetProperty("owner").GetString() == "admin").ToList();
        var open = remedials.Where(r => r.GetProperty("status").GetString() != "Done").ToList();
        Assert.NotEmpty(open);
        foreach (var r in open)
        {
            // Due after 31 March 2009, the day a demonstration is judged as at, and not done: open, not overdue.
            var description = r.GetProperty("description").GetString()!;
            Assert.True(DateOnly.Parse(r.GetProperty("due").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > new DateOnly(2009, 3, 31));
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(description);
            await Assertions.Expect(page.Locator("#overdue tr", new() { HasText = description })).ToHaveCountAsync(0);
        }

        // Actions reach governance through the bus, owner and all: every action a theme says "admin" owns is listed once.
        var owned = 0;
        foreach (var theme in PartnershipThemes.Slugs)
        {
            owned += (await api.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans")).EnumerateArray()
                .SelectMany(p => p.GetProperty("actions").EnumerateArray()).Count(a => a.TryGetProperty("owner", out var o) && o.GetString() == "admin");
        }

        Assert.True(owned > 0);
        await Assertions.Expect(page.Locator("main tbody tr").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Action ") })).ToHaveCountAsync(owned);

        // What the gateway's reminders are sent from: the same open remedial actions, due within four weeks of 31 March 2009, owned by admin.
        using var reminders = SafeCity.LocalPlatform.SignedCalls.AsService(fixture.Platform.Keys, "gateway", "governance");
        reminders.BaseAddress = fixture.Platform.Endpoints["governance"].Http;
        var due = (await reminders.GetFromJsonAsync<JsonElement>("/api/governance/work-due")).EnumerateArray()
            .Where(w => w.GetProperty("owner").GetString() == "admin" && w.GetProperty("item").GetProperty("kind").GetString() == "remedial action").ToList();
        Assert.Equal(open.Count, due.Count);
        Assert.All(due, w => Assert.Equal("DueSoon", w.GetProperty("item").GetProperty("state").GetString()));

        var done = remedials.Count - open.Count;
        Assert.True(done > 0);
        await Assertions.Expect(page.Locator("#done tbody tr").Filter(new() { HasText = "Remedial action" })).ToHaveCountAsync(done);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtefactsDirectory, "my-work.png"), FullPage = true });
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/alcohol/dashboard?from=2008-04&to=2009-03")]
    [InlineData("/my-work")]
    [InlineData("/pmg")]
    [InlineData("/delivery-board?asAt=2009-03-31")]
    public async Task The_page_has_no_WCAG_2_2_AA_violations_and_works_at_320_px_and_printed(string path)
    {
        var page = await ScreenAsync();
        await page.GotoAsync(path);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        Assert.True(result.Violations.Length == 0,
            string.Join(Environment.NewLine, result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})")));

        // WCAG 1.4.10 reflow: at 320 px nothing makes the whole page scroll sideways (a wide table scrolls in its own box).
        await page.SetViewportSizeAsync(320, 640);
        await page.GotoAsync(path);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtefactsDirectory, "narrow" + string.Concat(path.Split('?')[0].Select(c => char.IsLetterOrDigit(c) ? c : '-')) + ".png") });
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var widest = await page.EvaluateAsync<string>("""
            Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 321 && !(e.parentElement && e.parentElement.closest('.safecity-scroll')))
              .slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')
            """);
        Assert.True(width <= 320, $"{path} is {width} px wide at a 320 px screen: {widest}");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".govuk-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtefactsDirectory, "print" + string.Concat(path.Split('?')[0].Select(c => char.IsLetterOrDigit(c) ? c : '-')) + ".png"), FullPage = true });
    }

    [Fact]
    public async Task A_platform_holding_data_offers_no_demonstration_year_and_refuses_one()
    {
        var page = await ScreenAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#empty-platform")).ToHaveCountAsync(0);

        await page.GotoAsync("/account/demonstration");
        // Filled once already: the page says so and offers no second run.
        await Assertions.Expect(page.Locator("#demonstration-state")).ToContainTextAsync("Done.");
        await Assertions.Expect(page.Locator("#fill-demonstration")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#demonstration-banner")).ToContainTextAsync("Demonstration data");
    }
}
