using SafeCity.Governance.MyWork;

namespace SafeCity.Governance.Tests;

/// <summary>How a person's work is sorted on their "My work" page.</summary>
public sealed class MyWorkTests
{
    private static readonly DateOnly Today = new(2008, 10, 1);

    [Theory]
    [InlineData("jo.bloggs", true)]
    [InlineData(" JO.Bloggs ", true)]
    [InlineData("Jo Bloggs", false)]
    [InlineData("jo", false)]
    public void Work_is_a_persons_by_their_account_name_never_by_a_display_name_anyone_may_share(string owner, bool theirs)
    {
        var jo = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "jo.bloggs"), new(SafeCity.Contracts.Identity.PlatformRoles.DisplayNameClaim, "Jo Bloggs")], "test"));

        Assert.Equal(theirs, SafeCity.Governance.MyWork.MyWorkList.IsOwner(owner, jo));
    }

    [Theory]
    [InlineData(true, "2008-09-01", WorkState.Done)]
    [InlineData(false, "2008-09-30", WorkState.Overdue)]
    [InlineData(false, "2008-10-01", WorkState.DueSoon)]
    [InlineData(false, "2008-10-29", WorkState.DueSoon)]
    [InlineData(false, "2008-10-30", WorkState.Later)]
    [InlineData(false, null, WorkState.Later)]
    public void Work_is_overdue_due_soon_later_or_done(bool done, string? due, WorkState expected) =>
        Assert.Equal(expected, MyWorkList.StateOf(done, due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Today));
}

/// <summary>Statuses as events carry them, in the words the pages show.</summary>
public sealed class StatusWordsTests
{
    [Theory]
    [InlineData("NotStarted", "Not started")]
    [InlineData("InProgress", "In progress")]
    [InlineData("Delayed", "Delayed")]
    [InlineData("Open", "Open")]
    [InlineData("Done", "Done")]
    [InlineData("3", "3")]
    [InlineData("", "")]
    public void A_status_reads_in_words_and_an_unknown_one_as_it_is(string status, string words) =>
        Assert.Equal(words, SafeCity.Kernel.Web.UkFormat.StatusWords(status));
}
