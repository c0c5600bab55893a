using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SafeCity.Contracts.Identity;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Services;

/// <summary>With anonymous access off (the default), the service itself checks the signed identity and its roles on every request.</summary>
public sealed class RoleTests : IDisposable
{
    private readonly AlcoholServiceFactory _factory = new() { Settings = { ["Access:AllowAnonymous"] = "false" } };

    private HttpClient As(string? role, string? token = null)
    {
        var client = _factory.CreateClient();
        if (role is not null || token is not null)
        {
            client.DefaultRequestHeaders.Add(PlatformTokens.Header, token ?? TestIdentity.Person("alcohol", "jo.bloggs", [role!]));
        }

        return client;
    }

    private static Task<HttpResponseMessage> Update(HttpClient client) =>
        client.PutAsJsonAsync("/api/alcohol/actions/P1.A2", new { status = "InProgress", rag = "Amber" });

    [Fact]
    public async Task An_officer_of_the_tackling_alcohol_partnership_changes_the_theme_and_is_named_in_the_audit()
    {
        Assert.Equal(HttpStatusCode.OK, (await Update(As(PlatformRoles.OfficerOf("alcohol")))).StatusCode);

        var audit = await As(PlatformRoles.Administrator).GetFromJsonAsync<JsonElement[]>("/api/alcohol/audit");
        Assert.Equal(("Update action", "jo.bloggs"), (audit![0].GetProperty("action").GetString(), audit[0].GetProperty("actor").GetString()));
    }

    [Theory]
    [InlineData("officer:violence")]
    [InlineData("analyst")]
    [InlineData("delivery-board")]
    public async Task Anyone_else_is_refused_the_change_but_may_read(string? role)
    {
        var client = As(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await Update(client)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/alcohol/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/alcohol/plans")).StatusCode);
    }

    [Fact]
    public async Task Someone_not_signed_in_reads_nothing_but_the_health_checks()
    {
        var client = As(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/alcohol/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Update(client)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var page = await _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/alcohol/plans/1");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/sign-in?returnUrl=%2Falcohol%2Fplans%2F1", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_identity_not_signed_by_the_platforms_key_counts_for_nothing()
    {
        var (other, _) = KeyRing.NewKeyPair();
        var now = DateTimeOffset.UtcNow;
        var forged = PlatformTokens.From(new PlatformIdentityOptions { People = new SigningKeyOptions { KeyId = "test", SigningKey = other } })
            .Issue(TokenKind.Person, new PlatformUser("mallory", "Mallory", [PlatformRoles.Administrator], now.AddMinutes(1)), "alcohol", now);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Update(As(null, forged))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await As(null, forged).GetAsync("/api/alcohol/audit")).StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_service_or_of_a_service_claiming_a_persons_roles_opens_nothing_here()
    {
        var forViolence = As(null, TestIdentity.Person("violence", "jo.bloggs", [PlatformRoles.Administrator]));
        var now = DateTimeOffset.UtcNow;
        var serviceAsAdministrator = TestIdentity.Signer.Issue(TokenKind.Service,
            new PlatformUser("service:governance", "Governance", [PlatformRoles.Administrator], now.AddMinutes(1)), "alcohol", now);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Update(forViolence)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Update(As(null, serviceAsAdministrator))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await As(null, serviceAsAdministrator).GetAsync("/api/alcohol/plans")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
