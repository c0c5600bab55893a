using System.Security.Claims;
using SafeCity.Contracts.Identity;
using SafeCity.Kernel.Access;

namespace SafeCity.Kernel.Tests.Access;

/// <summary>Who a record is from, and which organisation a caller speaks for, as the services decide it.</summary>
public sealed class ThemeAccessTests
{
    private static ClaimsPrincipal Signed(string name, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    [Fact]
    public void A_partner_systems_records_are_its_organisations_whatever_source_it_names()
    {
        var partner = Signed("hampshire-fire-and-rescue", PlatformRoles.PartnerSystem, PlatformRoles.Organisation("hampshire-fire-and-rescue"), PlatformRoles.PlatformOperator);

        Assert.Equal("hampshire-fire-and-rescue", ThemeAccess.SourceOf(partner, "data.police.uk"));
        Assert.Equal("hampshire-fire-and-rescue", ThemeAccess.OrganisationOf(partner));
    }

    [Fact]
    public void Only_the_platforms_operator_names_a_source_anyone_else_is_their_own_account()
    {
        Assert.Equal("data.police.uk", ThemeAccess.SourceOf(Signed("operator", PlatformRoles.PlatformOperator), " data.police.uk "));
        Assert.Equal("operator", ThemeAccess.SourceOf(Signed("operator", PlatformRoles.PlatformOperator), " "));
        Assert.Equal("pat.officer", ThemeAccess.SourceOf(Signed("pat.officer", PlatformRoles.Administrator), "data.police.uk"));
    }

    [Fact]
    public void Only_a_partner_system_speaks_for_an_organisation()
    {
        // An organisation's role on someone who is not a partner system names no organisation.
        Assert.Null(ThemeAccess.OrganisationOf(Signed("pat.officer", PlatformRoles.Organisation("hampshire-fire-and-rescue"))));
        Assert.Null(ThemeAccess.OrganisationOf(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
