using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;
using SafeCity.Contracts.Records;

namespace SafeCity.Browser.Tests;

/// <summary>
/// An administrator issues client credentials to Hampshire Fire and Rescue Service; its incident
/// system exchanges them for a token and sends fires over gRPC through the gateway, and is refused
/// what its organisation may not share and, once revoked, any token at all.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnerCredentialsJourneyTests(BrowserFixture fixture)
{
    private static readonly Metadata AsbArson = [new("safecity-theme", "asb-arson")];

    [Fact]
    public async Task A_fire_service_system_signs_in_with_issued_credentials_and_sends_only_what_it_may_share()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/organisations");
        await Assertions.Expect(page.Locator("#signatories tbody tr")).ToHaveCountAsync(15);
        await page.GetByRole(AriaRole.Link, new() { Name = "Hampshire Fire and Rescue Service", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Fire incident (asb-arson)")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("ASB incident (asb-arson)")).Not.ToBeCheckedAsync();

        await page.GetByLabel("Officer's name").FillAsync("A. Watch Manager");
        await page.GetByLabel("Post").FillAsync("Arson Reduction Team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add designated officer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#officers")).ToContainTextAsync("A. Watch Manager, Arson Reduction Team");

        await page.GetByLabel("Which system").FillAsync("Incident Recording System");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue client credentials" }).ClickAsync();
        var clientId = await page.Locator("#client-id").TextContentAsync();
        var secret = await page.Locator("#client-secret").TextContentAsync();

        using var http = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };
        var wrong = await http.PostAsync("/connect/token", Form(clientId!, secret + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_client", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var token = await TokenAsync(http, clientId!, secret!);

        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);
        var records = new PartnerRecords.PartnerRecordsClient(channel);
        var headers = new Metadata { { "safecity-theme", "asb-arson" }, { "authorization", "Bearer " + token } };
        var fire = await records.SubmitRecordAsync(Fire("HFRS-2008-000123", "Fire incident"), headers);
        var again = await records.SubmitRecordAsync(Fire("HFRS-2008-000123", "Fire incident"), headers);
        var asb = await Assert.ThrowsAsync<RpcException>(() => records.SubmitRecordAsync(Fire("HFRS-2008-000124", "ASB incident"), headers).ResponseAsync);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => records.SubmitRecordAsync(Fire("HFRS-2008-000125", "Fire incident"), AsbArson).ResponseAsync);

        Assert.Equal((RecordOutcome.Accepted, RecordOutcome.Duplicate), (fire.Outcome, again.Outcome));
        Assert.Equal(StatusCode.PermissionDenied, asb.StatusCode);
        Assert.Contains("Hampshire Fire and Rescue Service may not share 'ASB incident' records", asb.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        // The partner client sends a file of incidents: each theme answers every record; what may not be shared is not sent.
        var file = """
            reference,category,occurred_at,location,fireType,deliberate,vehicle,notes
            HFRS-2008-000200,Fire incident,2008-10-12T23:40:00+01:00,Millbrook playing fields,secondary,yes,no,
            HFRS-2008-000201,Fire incident,2008-10-13 02:10,Shirley High Street,primary,yes,yes,
            HFRS-2008-000202,Fire incident,2008-10-13T03:00:00+01:00,Weston Lane,secondary,yes,no,Reported by Mrs Jones
            HFRS-2008-000203,ASB incident,2008-10-13T04:00:00+01:00,Weston Lane,,,,
            HFRS-2008-000204,Fire incident,yesterday,Weston Lane,secondary,yes,no,
            HFRS-2008-000123,Fire incident,2008-10-11T22:15:00+01:00,Lordshill recreation ground,secondary,yes,no,
            """;
        using var grpcForClient = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);
        var partner = new SafeCity.Cli.Partners.PartnerClient(http, grpcForClient);
        var session = await partner.SignInAsync(clientId!, secret!, CancellationToken.None);
        var summary = await partner.SendAsync(session, new StringReader(file), null, CancellationToken.None);

        var asbArson = summary.ByTheme["asb-arson"];
        Assert.Equal((2, 1, 1), (asbArson.Accepted, asbArson.Duplicates, asbArson.Rejected));
        Assert.Contains("attributes.notes holds a person's name", asbArson.Results.Single(r => r.Reference == "HFRS-2008-000202").Reason);
        Assert.Equal([5L, 6L], summary.NotSent.Select(r => r.Line).Order());
        Assert.Contains("may not share 'ASB incident'", summary.NotSent.Single(r => r.Line == 5).Reason);

        // It reads back the indicators its fires feed, and watches them change as it sends another.
        var performance = new SafeCity.Contracts.Governance.PartnerPerformance.PartnerPerformanceClient(channel);
        var bearer = new Metadata { { "authorization", "Bearer " + token } };
        var fires = await EventuallyAsync(async () =>
            (await performance.GetSharedIndicatorsAsync(new(), bearer)).Indicators.FirstOrDefault(i => i.Id == "P14.I3" && i.LatestPeriod == "2008-10"));
        Assert.Equal("Hampshire Fire and Rescue Service", (await performance.GetSharedIndicatorsAsync(new(), bearer)).Organisation);
        Assert.Equal(["Fire incident"], fires.ComputedFrom);
        Assert.True(fires.LatestValue >= 2, $"P14.I3 for October 2008 is {fires.LatestValue}, expected at least the 2 deliberate secondary fires sent.");

        using var watch = performance.WatchSharedIndicators(new(), bearer);
        var seen = new List<SafeCity.Contracts.Governance.SharedIndicator>();
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var moved = Task.Run(async () =>
        {
            await foreach (var update in watch.ResponseStream.ReadAllAsync(reading.Token))
            {
                seen.Add(update.Indicator);
                if (update.Indicator.Id == "P14.I3" && update.Indicator.LatestValue > fires.LatestValue)
                {
                    return update.Indicator;
                }
            }

            return null;
        });
        await EventuallyAsync(() => Task.FromResult(seen.Count > 0 ? (object?)seen : null));
        Assert.Equal(RecordOutcome.Accepted, (await records.SubmitRecordAsync(Fire("HFRS-2008-000300", "Fire incident"), headers)).Outcome);
        var update = await moved;
        Assert.NotNull(update);
        Assert.Equal(fires.LatestValue + 1, update!.LatestValue);

        // The register shows the fire, kept under the organisation.
        await page.GotoAsync("/asb-arson/records?from=2008-10&to=2008-10");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("HFRS-2008-000123");

        // Revoked credentials give no more tokens.
        await page.GotoAsync("/account/organisations/hampshire-fire-and-rescue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator("#clients")).ToContainTextAsync("Revoked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove A. Watch Manager" }).ClickAsync();
        await Assertions.Expect(page.Locator("#officers")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/connect/token", Form(clientId!, secret!))).StatusCode);
    }

    [Fact]
    public async Task A_partner_calling_faster_than_its_share_is_told_to_slow_down_and_is_served_again_a_moment_later()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/organisations/southampton-university-hospitals");
        await page.GetByLabel("Which system").FillAsync("ED system");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue client credentials" }).ClickAsync();
        var clientId = await page.Locator("#client-id").TextContentAsync();
        var secret = await page.Locator("#client-secret").TextContentAsync();
        using var http = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };
        var token = (await (await http.PostAsync("/connect/token", Form(clientId!, secret!))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();

        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);
        var records = new PartnerRecords.PartnerRecordsClient(channel);
        var headers = new Metadata { { "safecity-theme", "alcohol" }, { "authorization", "Bearer " + token } };
        var burst = await Task.WhenAll(Enumerable.Range(0, 3 * BrowserFixture.PartnerCallsPerSecond).Select(async i =>
        {
            try
            {
                await records.SubmitRecordAsync(Presentation($"ED-BURST-{i}"), headers);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                Assert.Contains("Too many calls from your organisation", e.Status.Detail);
                return e.StatusCode;
            }
        }));

        Assert.Contains(StatusCode.ResourceExhausted, burst);
        Assert.Contains(StatusCode.OK, burst);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(RecordOutcome.Accepted, (await records.SubmitRecordAsync(Presentation("ED-AFTER-BURST"), headers)).Outcome);
    }

    private static RecordSubmission Presentation(string reference) => new()
    {
        Reference = reference,
        Category = "Emergency department assault presentation",
        // March 2008: a month before the other tests' figures for the indicator these feed (P1.I1), so none of theirs is displaced.
        OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2008, 3, 8, 1, 15, 0, TimeSpan.Zero)),
        Location = "Southampton General Hospital",
    };

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "Not seen within 20 s.");
            await Task.Delay(300);
        }
    }

    private static FormUrlEncodedContent Form(string clientId, string secret) =>
        new(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret });

    private static async Task<string> TokenAsync(HttpClient http, string clientId, string secret)
    {
        var response = await http.PostAsync("/connect/token", Form(clientId, secret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Bearer", 900), (body.GetProperty("token_type").GetString(), body.GetProperty("expires_in").GetInt32()));
        Assert.Equal(["Dwelling fire without a smoke alarm", "Fire incident", "Violence against fire service staff"], body.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        return body.GetProperty("access_token").GetString()!;
    }

    private static RecordSubmission Fire(string reference, string category) => new()
    {
        Reference = reference,
        Category = category,
        OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2008, 10, 11, 22, 15, 0, TimeSpan.Zero)),
        Location = "Lordshill recreation ground",
        Attributes = { ["fireType"] = "secondary", ["deliberate"] = "yes", ["vehicle"] = "no" },
    };
}
