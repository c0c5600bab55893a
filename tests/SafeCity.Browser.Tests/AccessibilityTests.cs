using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace SafeCity.Browser.Tests;

/// <summary>UK public-sector services must meet WCAG 2.2 AA: every shared page is checked with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/alcohol/")]
    [InlineData("/alcohol/plans/1")]
    [InlineData("/alcohol/actions/P1.A1")]
    [InlineData("/alcohol/indicators/P1.I1")]
    [InlineData("/alcohol/plans/1/three-years")]
    [InlineData("/alcohol/plans/2/roll-forward")]
    [InlineData("/pmg/subgroups")]
    [InlineData("/alcohol/targets/import")]
    [InlineData("/acquisitive-crime/dashboard")]
    [InlineData("/asb-arson/records")]
    [InlineData("/asb-arson/records/new")]
    [InlineData("/communities/plans/new")]
    [InlineData("/youth/audit")]
    [InlineData("/account/sign-in")]
    [InlineData("/pmg")]
    [InlineData("/laa?quarter=2008/09 Q1")]
    [InlineData("/delivery-board?asAt=2008-06-30")]
    [InlineData("/delivery-board/priorities/1?asAt=2008-06-30")]
    [InlineData("/msg")]
    [InlineData("/structure")]
    [InlineData("/tolerances")]
    [InlineData("/information-sharing/breaches")]
    [InlineData("/information-sharing/disclosures")]
    [InlineData("/account/organisations")]
    [InlineData("/account/organisations/hampshire-fire-and-rescue")]
    [InlineData("/rebuild")]
    public async Task The_page_has_no_WCAG_2_2_AA_violations(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });

        Assert.True(result.Violations.Length == 0,
            string.Join(Environment.NewLine, result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})")));
        Assert.NotEmpty(result.Passes);
    }
}
