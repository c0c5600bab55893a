using System.Net;
using SafeCity.Contracts.Identity;
using SafeCity.Governance.Performance;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Services;

/// <summary>Governance's pages for one thing (a meeting, a remedial action, a breach, a priority) answer 404 when it is not there, as the themes' pages do.</summary>
public sealed class GovernanceNotFoundTests : IDisposable
{
    private readonly AccessMatrixTests.ServiceFactory<PartnershipPerformance> _governance = new();

    [Theory]
    [InlineData("/pmg/meetings/2001-01-01", "No exception list was drawn up for a meeting on 2001-01-01.")]
    [InlineData("/pmg/remedial-actions/nothing-here", "There is no remedial action nothing-here.")]
    [InlineData("/information-sharing/breaches/nothing-here", "There is no breach nothing-here.")]
    [InlineData("/delivery-board/priorities/9", "There is no priority 9: the plan has priorities 1 to 7.")]
    public async Task A_page_for_something_governance_does_not_hold_answers_404_and_says_what_is_missing(string path, string words)
    {
        using var client = _governance.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(PlatformTokens.Header, TestIdentity.Person("governance", "tester", [PlatformRoles.Administrator, PlatformRoles.PerformanceManagementGroup]));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<h1 class=\"govuk-heading-l\">Page not found</h1>", page, StringComparison.Ordinal);
        Assert.Contains(words, page, StringComparison.Ordinal);
    }

    public void Dispose() => _governance.Dispose();
}
