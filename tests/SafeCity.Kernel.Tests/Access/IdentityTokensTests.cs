using SafeCity.Contracts.Identity;
using SafeCity.Kernel.Access;

namespace SafeCity.Kernel.Tests.Access;

public class IdentityTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static IdentityTokens Tokens(string? key) => new(key);

    private static PlatformUser Officer => new("jo.bloggs", "Jo Bloggs", [PlatformRoles.OfficerOf("alcohol")], Now.AddMinutes(20));

    [Fact]
    public void A_token_the_gateway_signed_names_its_user_until_it_expires()
    {
        var tokens = Tokens(IdentityTokens.NewKey());
        var token = tokens.Issue(Officer);

        var user = tokens.Validate(token, Now);
        Assert.NotNull(user);
        Assert.Equal(("jo.bloggs", "Jo Bloggs", Now.AddMinutes(20)), (user.Id, user.Name, user.Expires));
        Assert.Equal(["officer:alcohol"], user.Roles);
        Assert.Null(tokens.Validate(token, Now.AddMinutes(20)));
    }

    [Fact]
    public void A_token_signed_with_another_key_or_altered_names_nobody()
    {
        var ours = Tokens(IdentityTokens.NewKey());
        var theirs = Tokens(IdentityTokens.NewKey());
        var token = ours.Issue(Officer);
        var promoted = theirs.Issue(Officer with { Roles = [PlatformRoles.Administrator] });
        var parts = token.Split('.');
        var altered = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("{\"Sub\":\"jo.bloggs\",\"Name\":\"Jo\",\"Roles\":[\"administrator\"],\"Exp\":9999999999}")).TrimEnd('=') + "." + parts[1];

        Assert.Null(ours.Validate(promoted, Now));
        Assert.Null(ours.Validate(altered, Now));
        Assert.Null(ours.Validate("not-a-token", Now));
        Assert.Null(ours.Validate(parts[0] + ".!!!", Now));
    }

    [Fact]
    public void Without_a_key_nobody_is_signed_in_and_a_short_key_is_refused()
    {
        Assert.False(Tokens(null).CanVerify);
        Assert.Null(Tokens(null).Validate(Tokens(IdentityTokens.NewKey()).Issue(Officer), Now));
        Assert.Throws<InvalidOperationException>(() => Tokens(Convert.ToBase64String(new byte[16])));
    }
}
