using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Contracts.Governance;

namespace SafeCity.Integration.Tests.Security;

/// <summary>A partner's token stands only while the register says so: a revoked or narrowed partner stops listening.</summary>
public sealed partial class GatewaySecurityTests
{
    [Fact]
    public async Task An_identity_header_the_service_would_believe_is_stripped_at_the_gateway()
    {
        // Signed with the run's own people key for governance: the service itself believes it.
        var now = DateTimeOffset.UtcNow;
        var token = fixture.Platform.Keys.All().Issue(SafeCity.Contracts.Identity.TokenKind.Person,
            new SafeCity.Contracts.Identity.PlatformUser("forged.admin", "Forged", [SafeCity.Contracts.Identity.PlatformRoles.Administrator], now.AddMinutes(1)), "governance", now);
        using var direct = new HttpClient { BaseAddress = fixture.Platform.Endpoints["governance"].Http };
        using var throughTheGateway = new HttpClient { BaseAddress = Gateway };
        HttpRequestMessage Audit()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/governance/pmg/meetings");
            request.Headers.Add(SafeCity.Contracts.Identity.PlatformTokens.Header, token);
            return request;
        }

        using var believed = await direct.SendAsync(Audit());
        using var stripped = await throughTheGateway.SendAsync(Audit());

        Assert.Equal(System.Net.HttpStatusCode.OK, believed.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, stripped.StatusCode);
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("narrowed")]
    public async Task A_watch_stream_ends_soon_after_its_client_is_revoked_or_its_categories_narrowed_and_the_token_opens_nothing_more(string change)
    {
        using var admin = await fixture.AdministratorAsync(change == "revoked" ? "127.0.0.60" : "127.0.0.61");
        var organisation = change == "revoked" ? "/account/organisations/hampshire-fire-and-rescue" : "/account/organisations/southampton-city-council";
        var (clientId, secret) = await IssueClientAsync(admin, organisation, "watching " + change);
        using var http = new HttpClient { BaseAddress = Gateway };
        using var tokenResponse = await http.PostAsync("/connect/token", ClientCredentials(clientId, secret));
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);
        var performance = new PartnerPerformance.PartnerPerformanceClient(channel);
        var bearer = new Metadata { { "authorization", "Bearer " + token } };
        using var watch = performance.WatchSharedIndicators(new(), bearer);
        await watch.ResponseHeadersAsync;
        var ended = Task.Run(async () =>
        {
            try
            {
                while (await watch.ResponseStream.MoveNext(CancellationToken.None))
                {
                }

                return (StatusCode?)StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        });

        var clock = Stopwatch.StartNew();
        if (change == "revoked")
        {
            using var revoked = await admin.PostAsync($"{organisation}/clients/{clientId}/revoke", [], organisation);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, revoked.StatusCode);
        }
        else
        {
            // The council keeps its other categories; the one its token names first is taken away.
            var page = await admin.PageAsync(organisation);
            var kept = System.Text.RegularExpressions.Regex.Matches(page, "<input[^>]*name=\"categories\"[^>]*>").Select(m => m.Value)
                .Where(tag => System.Text.RegularExpressions.Regex.IsMatch(tag, "\\schecked[\\s=/>]"))
                .Select(tag => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(tag, "value=\"([^\"]+)\"").Groups[1].Value)).ToList();
            Assert.True(kept.Count > 1, "The council shares fewer than two categories.");
            using var narrowed = await admin.PostAsync(organisation + "/categories", [.. kept.Skip(1).Select(c => new KeyValuePair<string, string>("categories", c))], organisation);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, narrowed.StatusCode);
        }

        var finished = await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == ended, $"The watch stream went on for 60 s after the client was {change}.");
        Assert.NotEqual(StatusCode.OK, await ended);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(SecurityPlatformFixture.PartnerRecheckSeconds * 4), $"The stream ended {clock.Elapsed.TotalSeconds:0} s after the client was {change}.");
        var refused = await Assert.ThrowsAsync<RpcException>(() => performance.GetSharedIndicatorsAsync(new(), bearer).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }
}
