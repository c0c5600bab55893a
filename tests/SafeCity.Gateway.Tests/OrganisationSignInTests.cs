using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SafeCity.Gateway.Accounts;
using SafeCity.Testing;

namespace SafeCity.Gateway.Tests;

/// <summary>The gateway with an organisation's OpenID Connect provider configured (its discovery document stands in).</summary>
public sealed class OrganisationSignInTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly WebApplicationFactory<GatewayOptions> _gateway;

    public OrganisationSignInTests() => _gateway = new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(builder =>
    {
        builder.UseSetting("SAFECITY_DATA_DIR", _data.Path);
        builder.UseSetting("Identity:OpenIdConnect:Authority", "https://login.example.invalid/tenant/v2.0");
        builder.UseSetting("Identity:OpenIdConnect:ClientId", "safecity-gateway");
        builder.UseSetting("Identity:OpenIdConnect:DisplayName", "Southampton City Council account");
        builder.ConfigureTestServices(services => services.Configure<OpenIdConnectOptions>(OrganisationSignIn.Scheme, o =>
            o.Configuration = new OpenIdConnectConfiguration { AuthorizationEndpoint = "https://login.example.invalid/tenant/oauth2/v2.0/authorize" }));
    });

    [Fact]
    public async Task The_sign_in_page_offers_the_organisations_account_which_sends_people_to_its_provider_with_PKCE()
    {
        var client = _gateway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetStringAsync("/account/sign-in?returnUrl=%2Falcohol%2F");
        var challenge = await client.GetAsync("/account/sign-in/organisation?returnUrl=%2Falcohol%2F");

        Assert.Contains("Sign in with Southampton City Council account", page);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith("https://login.example.invalid/tenant/oauth2/v2.0/authorize?", location);
        Assert.Contains("client_id=safecity-gateway", location);
        Assert.Contains("response_type=code", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains(Uri.EscapeDataString("/account/sign-in/organisation/callback"), location);
    }

    [Fact]
    public async Task Without_a_provider_only_local_accounts_are_offered()
    {
        using var local = new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(b => b.UseSetting("SAFECITY_DATA_DIR", _data.Path));
        var client = local.CreateClient();

        Assert.DoesNotContain("Sign in with", await client.GetStringAsync("/account/sign-in"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/account/sign-in/organisation")).StatusCode);
    }

    [Fact]
    public void A_providers_role_that_is_not_a_persons_role_here_is_dropped()
    {
        var identity = new System.Security.Claims.ClaimsIdentity(
            [new("roles", "pmg"), new("roles", "partner"), new("roles", "shares:Burglary"), new("roles", "officer:alcohol"), new(System.Security.Claims.ClaimTypes.Role, "organisation:police")],
            "organisation", "preferred_username", "roles");

        OrganisationSignIn.KeepPlatformRoles(identity, new HashSet<string>(["pmg", "officer:alcohol", "administrator"], StringComparer.Ordinal));

        var principal = new System.Security.Claims.ClaimsPrincipal(identity);
        Assert.Equal(["officer:alcohol", "pmg"], identity.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.True(principal.IsInRole("pmg"));
        Assert.False(principal.IsInRole("partner"));
        Assert.False(principal.IsInRole("shares:Burglary"));
        Assert.False(principal.IsInRole("organisation:police"));
    }

    [Fact]
    public void A_person_from_the_provider_is_known_by_issuer_and_subject_never_by_a_name_they_can_choose_or_a_local_accounts()
    {
        static System.Security.Claims.ClaimsIdentity Token(string issuer, string subject, string username) => new(
            [new("iss", issuer), new("sub", subject), new("preferred_username", username), new("name", "Jo Bloggs"), new("roles", "pmg")], "organisation", System.Security.Claims.ClaimTypes.Name, "roles");
        var roles = new HashSet<string>(["pmg"], StringComparer.Ordinal);
        var tenant = "https://login.microsoftonline.com/tenant-a/v2.0";

        var jo = Token(tenant, "subject-1", "admin");
        var joRenamed = Token(tenant, "subject-1", "jo.bloggs");
        var someoneElse = Token(tenant, "subject-2", "admin");
        var otherTenant = Token("https://login.microsoftonline.com/tenant-b/v2.0", "subject-1", "admin");
        var keys = new[] { jo, joRenamed, someoneElse, otherTenant }.Select(i => OrganisationSignIn.TakeAsPerson(i, roles)).ToList();

        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(4 - 1, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^org:[0-9a-f]{32}$", k));
        Assert.Equal(keys[0], jo.Name);
        Assert.Equal("Jo Bloggs", jo.FindFirst(SafeCity.Contracts.Identity.PlatformRoles.DisplayNameClaim)!.Value);
        Assert.Null(OrganisationSignIn.TakeAsPerson(new System.Security.Claims.ClaimsIdentity([new("preferred_username", "admin")], "organisation"), roles));
    }

    public void Dispose()
    {
        _gateway.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
