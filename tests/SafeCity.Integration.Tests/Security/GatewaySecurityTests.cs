using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Contracts.Identity;
using SafeCity.Contracts.Records;

namespace SafeCity.Integration.Tests.Security;

/// <summary>
/// The probes an attacker tried on a running platform, each tried again against the real gateway:
/// every one must be refused. Each test signs in from loopback addresses of its own.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed partial class GatewaySecurityTests(SecurityPlatformFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Password = "a long enough password of theirs";
    private Uri Gateway => fixture.Platform.GatewayHttp;

    [Theory]
    [InlineData("/\t/example.org")]
    [InlineData("//example.org")]
    [InlineData("/\\example.org")]
    [InlineData("https://example.org/")]
    [InlineData("/\r\n/example.org")]
    public async Task Signing_in_never_sends_anyone_off_the_site(string returnUrl)
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.10");
        using var page = new WebSession(Gateway, "127.0.0.10");

        using var response = await page.SignInAsync("admin", SecurityPlatformFixture.AdministratorPassword, returnUrl);
        var offered = await page.PageAsync("/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains("name=\"returnUrl\" value=\"/\"", offered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_return_address_is_followed()
    {
        using var page = new WebSession(Gateway, "127.0.0.10");

        using var response = await page.SignInAsync("admin", SecurityPlatformFixture.AdministratorPassword, "/alcohol/plans/1");

        Assert.Equal("/alcohol/plans/1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_one_time_password_opens_the_change_password_page_and_nothing_else()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.11");
        var oneTime = await admin.CreateAccountAsync("otp.analyst", PlatformRoles.Analyst, PlatformRoles.PerformanceManagementGroup);
        using var person = new WebSession(Gateway, "127.0.0.11");

        using var signedIn = await person.SignInAsync("otp.analyst", oneTime, "/delivery-board");
        Assert.Equal("/account/password", signedIn.Headers.Location?.OriginalString);
        foreach (var path in new[] { "/api/governance/performance", "/api/governance/delivery-board.csv", "/api/alcohol/plans" })
        {
            using var api = await person.GetAsync(path, html: false);
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        }

        foreach (var path in new[] { "/delivery-board", "/information-sharing/ppo", "/alcohol/", "/account/users" })
        {
            using var html = await person.GetAsync(path);
            Assert.Equal((HttpStatusCode.Redirect, "/account/password"), (html.StatusCode, html.Headers.Location?.OriginalString));
        }

        using var passwordPage = await person.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.OK, passwordPage.StatusCode);
        await person.ChangePasswordAsync(oneTime, Password);
        using var afterwards = await person.GetAsync("/api/governance/performance", html: false);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_every_session_of_the_person_a_saved_cookie_included()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.12");
        await NewPersonAsync(admin, "signout.admin", "127.0.0.12", PlatformRoles.Administrator);
        using var laptop = await SignedInAsync("signout.admin", "127.0.0.12");
        using var phone = await SignedInAsync("signout.admin", "127.0.0.13");
        var saved = laptop.Cookies;
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account/audit")).StatusCode);

        using var signedOut = await laptop.PostAsync("/account/sign-out", [], "/account/sign-out");
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);

        using var thief = new WebSession(Gateway, "127.0.0.14");
        thief.Restore(saved);
        foreach (var (session, path) in new[] { (thief, "/account/users"), (thief, "/account/audit"), (phone, "/account/users") })
        {
            using var response = await session.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        using var api = await thief.GetAsync("/api/alcohol/audit", html: false);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_removing_a_role_or_resetting_a_password_ends_the_persons_sessions_at_once()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.15");
        await NewPersonAsync(admin, "changed.admin", "127.0.0.15", PlatformRoles.Administrator, PlatformRoles.Analyst);

        // A removed role: the administrator role goes, and with it the session that held it.
        using var first = await SignedInAsync("changed.admin", "127.0.0.15");
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/account/users")).StatusCode);
        using var roles = await admin.PostAsync("/account/users/changed.admin/roles", [new("roles", PlatformRoles.Analyst)], "/account/users/changed.admin");
        Assert.Equal(HttpStatusCode.Redirect, roles.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/account/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/governance/performance", html: false)).StatusCode);

        // Disabled: the session ends and the right password no longer signs in.
        using var second = await SignedInAsync("changed.admin", "127.0.0.15");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/governance/performance", html: false)).StatusCode);
        using var disabled = await admin.PostAsync("/account/users/changed.admin/disable", [], "/account/users/changed.admin");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/governance/performance", html: false)).StatusCode);
        using var refused = await new WebSession(Gateway, "127.0.0.16").SignInAsync("changed.admin", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var enabled = await admin.PostAsync("/account/users/changed.admin/enable", [], "/account/users/changed.admin");

        // Reset: the session ends, the old password is refused, and the new one-time password opens only its page.
        using var third = await SignedInAsync("changed.admin", "127.0.0.15");
        using var reset = await admin.PostAsync("/account/users/changed.admin/password", [], "/account/users/changed.admin");
        var oneTime = OneTimePassword().Match(await reset.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Equal("no-store", reset.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await third.GetAsync("/api/governance/performance", html: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new WebSession(Gateway, "127.0.0.16").SignInAsync("changed.admin", Password)).StatusCode);
        using var again = new WebSession(Gateway, "127.0.0.16");
        Assert.Equal("/account/password", (await again.SignInAsync("changed.admin", oneTime)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_state_changing_request_without_its_antiforgery_token_changes_nothing()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.17");
        const string organisation = "/account/organisations/southampton-voluntary-services";
        using var officer = await admin.PostAsync(organisation + "/officers", [new("name", "Alex Liaison"), new("post", "Information officer"), new("email", "")], organisation);
        using var issued = await admin.PostAsync(organisation + "/clients", [new("label", "Case system")], organisation);
        var clientId = ClientId().Match(await issued.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(clientId);

        var posts = new (string Path, KeyValuePair<string, string>[] Fields)[]
        {
            ($"{organisation}/clients/{clientId}/revoke", []),
            ($"{organisation}/officers/0/remove", []),
            ("/account/sign-out", []),
            ("/account/users/admin/disable", []),
            ("/account/users/", [new("username", "forged.account"), new("name", "Forged"), new("roles", PlatformRoles.Administrator)]),
        };
        foreach (var (path, fields) in posts)
        {
            using var forged = await admin.PostAsync(path, fields, withToken: false);
            Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"{path} without a token answered {(int)forged.StatusCode}");
        }

        // Nor does another browser's token do.
        using var stranger = await fixture.AdministratorAsync("127.0.0.18");
        var strangersToken = WebSession.Token(await stranger.PageAsync(organisation));
        using var crossed = await admin.PostAsync($"{organisation}/clients/{clientId}/revoke", [new("__RequestVerificationToken", strangersToken)], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);

        var page = await admin.PageAsync(organisation);
        Assert.Contains("Alex Liaison", page, StringComparison.Ordinal);
        Assert.Contains($"/clients/{clientId}/revoke", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/account/users")).StatusCode);
        Assert.DoesNotContain("forged.account", await admin.PageAsync("/account/users"), StringComparison.Ordinal);

        // With its token, the same revocation takes effect.
        using var revoked = await admin.PostAsync($"{organisation}/clients/{clientId}/revoke", [], organisation);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.DoesNotContain($"/clients/{clientId}/revoke", await admin.PageAsync(organisation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_from_another_site_with_the_session_cookie_changes_nothing_at_a_service()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.19");
        const string target = "/api/drugs/indicators/P16.I2/targets/2010";
        (string, string)[][] fromElsewhere =
        [
            [("Sec-Fetch-Site", "cross-site")],
            [("Sec-Fetch-Site", "same-site")],
            [("Origin", "https://example.org")],
            [("Origin", "null")],
        ];
        foreach (var headers in fromElsewhere)
        {
            using var forged = await admin.SendJsonAsync(HttpMethod.Put, target, new { value = 111, asWritten = "forged 111", reason = "from elsewhere" }, headers);
            Assert.True(forged.StatusCode == HttpStatusCode.Forbidden, $"{headers[0]} answered {(int)forged.StatusCode}");
        }

        Assert.DoesNotContain("forged 111", await (await admin.GetAsync("/api/drugs/plans/16", html: false)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // From the platform's own pages, and from a program that is no browser, the same call takes effect.
        using var own = await admin.SendJsonAsync(HttpMethod.Put, target, new { value = 222, asWritten = "own 222", reason = "LAA refresh" },
            ("Sec-Fetch-Site", "same-origin"), ("Origin", Gateway.GetLeftPart(UriPartial.Authority)));
        Assert.True(own.IsSuccessStatusCode, $"The platform's own call answered {(int)own.StatusCode}");
        Assert.Contains("own 222", await (await admin.GetAsync("/api/drugs/plans/16", html: false)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var script = await admin.SendJsonAsync(HttpMethod.Put, target, new { value = 333, asWritten = "script 333", reason = "LAA refresh" });
        Assert.True(script.IsSuccessStatusCode, $"A script's call answered {(int)script.StatusCode}");
    }

    [Fact]
    public async Task Forty_wrong_passwords_at_once_lock_the_name_for_that_address_and_nobody_can_keep_it_locked_for_others()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.20");
        await NewPersonAsync(admin, "raced.officer", "127.0.0.20", PlatformRoles.Analyst);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var attacker = new WebSession(Gateway, "127.0.0.21");
            using var response = await attacker.SignInAsync("raced.officer", "guess " + i);
            return response.StatusCode;
        }));

        Assert.DoesNotContain(HttpStatusCode.Redirect, attempts);
        using var fromThere = new WebSession(Gateway, "127.0.0.21");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fromThere.SignInAsync("raced.officer", Password)).StatusCode);
        Assert.Equal(40, attempts.Count(a => a == HttpStatusCode.Unauthorized));
        using var fromElsewhere = new WebSession(Gateway, "127.0.0.22");
        Assert.Equal(HttpStatusCode.Redirect, (await fromElsewhere.SignInAsync("raced.officer", Password)).StatusCode);

        // Five wrong passwords for admin from one machine do not keep the administrator out at theirs.
        for (var i = 0; i < 6; i++)
        {
            using var attacker = new WebSession(Gateway, "127.0.0.23");
            await attacker.SignInAsync("admin", "guess " + i);
        }

        using var administrator = new WebSession(Gateway, "127.0.0.24");
        Assert.Equal(HttpStatusCode.Redirect, (await administrator.SignInAsync("admin", SecurityPlatformFixture.AdministratorPassword)).StatusCode);
        var audit = await admin.PageAsync("/account/audit?who=raced.officer");
        Assert.Contains("locked out", audit, StringComparison.Ordinal);
        Assert.Contains("127.0.0.21", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_name_and_a_wrong_password_take_the_same_time_and_a_locked_name_is_refused_alike()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.25");
        await NewPersonAsync(admin, "timed.officer", "127.0.0.25", PlatformRoles.Analyst);
        await NewPersonAsync(admin, "locked.officer", "127.0.0.25", PlatformRoles.Analyst);
        for (var i = 0; i < 6; i++)
        {
            await new WebSession(Gateway, "127.0.0.26").SignInAsync("locked.officer", "guess " + i);
        }

        async Task<double> MedianAsync(string username)
        {
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                using var session = new WebSession(Gateway, "127.0.0.26");
                var token = WebSession.Token(await session.PageAsync("/account/sign-in"));
                var clock = Stopwatch.StartNew();
                using var response = await session.PostAsync("/account/sign-in", [new("username", username), new("password", "wrong " + i), new("returnUrl", "/"), new("__RequestVerificationToken", token)], withToken: false);
                times.Add(clock.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }

            return times.Order().ElementAt(2);
        }

        // Wrong passwords for timed.officer stay under its lock (four from this address).
        var wrong = await MedianAsync("timed.officer");
        var unknown = await MedianAsync("nobody.at.all");
        var locked = await MedianAsync("locked.officer");

        Assert.True(unknown > wrong / 2 && unknown < wrong * 2, $"unknown {unknown:0} ms against wrong {wrong:0} ms");
        // A locked name hashes nothing (the lock is consulted first): it is refused in the same words, sooner.
        Assert.True(locked < wrong * 2, $"locked {locked:0} ms against wrong {wrong:0} ms");
    }

    [Fact]
    public async Task An_address_trying_many_names_waits_while_the_same_account_signs_in_from_elsewhere()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.27");
        await NewPersonAsync(admin, "sprayed.officer", "127.0.0.27", PlatformRoles.Analyst);
        for (var i = 0; i < SecurityPlatformFixture.AttemptsPerAddress; i++)
        {
            using var sprayer = new WebSession(Gateway, "127.0.0.28");
            await sprayer.SignInAsync("name" + i, "Summer2008!");
        }

        using var throttled = new WebSession(Gateway, "127.0.0.28");
        using var refused = await throttled.SignInAsync("sprayed.officer", Password);
        using var elsewhere = new WebSession(Gateway, "127.0.0.29");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.SignInAsync("sprayed.officer", Password)).StatusCode);
        Assert.Contains("address throttled", await admin.PageAsync("/account/audit?action=address+throttled"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_a_caller_sends_is_never_believed_and_a_partner_is_served_only_on_its_bearer_token()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.30");
        const string organisation = "/account/organisations/hampshire-fire-and-rescue";
        var (clientId, secret) = await IssueClientAsync(admin, organisation, "IRS");
        using var http = new HttpClient { BaseAddress = Gateway };
        using var tokenResponse = await http.PostAsync("/connect/token", ClientCredentials(clientId, secret));
        var partnerToken = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        // Sent as the internal header, the partner's own token opens nothing, over HTTP or gRPC.
        using var asHeader = new HttpRequestMessage(HttpMethod.Get, "/api/governance/performance");
        asHeader.Headers.Add(PlatformTokens.Header, partnerToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(asHeader)).StatusCode);
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);
        var records = new PartnerRecords.PartnerRecordsClient(channel);
        var served = 0;
        for (var i = 0; i < 200; i++)
        {
            try
            {
                await records.SubmitRecordAsync(Fire(i), new Metadata { { "safecity-theme", "asb-arson" }, { PlatformTokens.Header, partnerToken } });
                served++;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
            }
        }

        Assert.Equal(0, served);

        // A person's identity signed with a key of the caller's own is no one's.
        var forger = PlatformTokens.From(new PlatformIdentityOptions { People = new SigningKeyOptions { KeyId = "forged", SigningKey = KeyRing.NewKeyPair().Private } });
        var now = DateTimeOffset.UtcNow;
        var forged = forger.Issue(TokenKind.Person, new PlatformUser("admin", "Administrator", [PlatformRoles.Administrator], now.AddMinutes(1)), "governance", now);
        using var forgedHeader = new HttpRequestMessage(HttpMethod.Get, "/api/governance/performance");
        forgedHeader.Headers.Add(PlatformTokens.Header, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(forgedHeader)).StatusCode);
        using var forgedBearer = new HttpRequestMessage(HttpMethod.Get, "/api/governance/performance");
        forgedBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(forgedBearer)).StatusCode);

        // As a bearer token it is the partner's, and counted: a burst beyond its share is told to slow down.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            try
            {
                await records.SubmitRecordAsync(Fire(1000 + i), new Metadata { { "safecity-theme", "asb-arson" }, { "authorization", "Bearer " + partnerToken } });
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));
        Assert.Contains(StatusCode.OK, outcomes);
        Assert.Contains(StatusCode.ResourceExhausted, outcomes);
    }

    [Fact]
    public async Task Every_file_the_platform_writes_is_its_owners_alone_and_no_log_holds_a_password()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.32");
        var oneTime = await admin.CreateAccountAsync("logged.officer", PlatformRoles.Analyst);
        using var person = new WebSession(Gateway, "127.0.0.32");
        await person.FirstSignInAsync("logged.officer", oneTime, Password);
        await person.SignInAsync("logged.officer", "a wrong password typed by mistake");

        var open = new List<string>();
        foreach (var entry in new DirectoryInfo(fixture.Platform.DataDirectory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is null && (entry.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
            {
                open.Add($"{Path.GetRelativePath(fixture.Platform.DataDirectory, entry.FullName)} {entry.UnixFileMode}");
            }
        }

        Assert.Empty(open);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, new DirectoryInfo(fixture.Platform.DataDirectory).UnixFileMode);
        foreach (var log in Directory.GetFiles(Path.Combine(fixture.Platform.DataDirectory, "logs")))
        {
            var text = await File.ReadAllTextAsync(log);
            foreach (var secret in new[] { fixture.FirstPassword, SecurityPlatformFixture.AdministratorPassword, oneTime, Password, "a wrong password typed by mistake" })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{Path.GetFileName(log)} holds a password");
            }
        }
    }

    [Fact]
    public async Task The_audit_trail_says_who_signed_in_failed_was_created_changed_and_which_partner_tokens_were_issued_and_revoked()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.33");
        var oneTime = await admin.CreateAccountAsync("audited.officer", PlatformRoles.Analyst);
        using var person = new WebSession(Gateway, "127.0.0.34");
        await person.FirstSignInAsync("audited.officer", oneTime, Password);
        await person.SignInAsync("audited.officer", "not it");
        await admin.PostAsync("/account/users/audited.officer/roles", [new("roles", PlatformRoles.Analyst), new("roles", PlatformRoles.DeliveryBoard)], "/account/users/audited.officer");
        const string organisation = "/account/organisations/southampton-city-pct";
        var (clientId, secret) = await IssueClientAsync(admin, organisation, "Audit probe");
        using var http = new HttpClient { BaseAddress = Gateway };
        await http.PostAsync("/connect/token", ClientCredentials(clientId, secret));
        await admin.PostAsync($"{organisation}/clients/{clientId}/revoke", [], organisation);

        var personRows = Rows(await admin.PageAsync("/account/audit?who=audited.officer"));
        var partner = Rows(await admin.PageAsync("/account/audit?who=" + clientId));

        Assert.Contains(personRows, r => r.Contains("account created", StringComparison.Ordinal) && r.Contains("admin", StringComparison.Ordinal) && r.Contains("127.0.0.33", StringComparison.Ordinal));
        Assert.Contains(personRows, r => r.Contains("signed in", StringComparison.Ordinal) && r.Contains("127.0.0.34", StringComparison.Ordinal));
        Assert.Contains(personRows, r => r.Contains("password changed", StringComparison.Ordinal));
        Assert.Contains(personRows, r => r.Contains("sign-in refused", StringComparison.Ordinal) && r.Contains("wrong password", StringComparison.Ordinal));
        Assert.Contains(personRows, r => r.Contains("roles changed", StringComparison.Ordinal) && r.Contains("delivery-board", StringComparison.Ordinal));
        Assert.Contains(partner, r => r.Contains("partner token issued", StringComparison.Ordinal));
        Assert.Contains(Rows(await admin.PageAsync("/account/audit?who=southampton-city-pct")), r => r.Contains("client credentials revoked", StringComparison.Ordinal) && r.Contains(clientId, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, await admin.PageAsync("/account/audit"), StringComparison.Ordinal);
    }

    /// <summary>An account made by the administrator, whose first sign-in chose <see cref="Password"/>.</summary>
    private async Task NewPersonAsync(WebSession admin, string username, string from, params string[] roles)
    {
        var oneTime = await admin.CreateAccountAsync(username, roles);
        using var person = new WebSession(Gateway, from);
        await person.FirstSignInAsync(username, oneTime, Password);
    }

    private async Task<WebSession> SignedInAsync(string username, string from)
    {
        var session = new WebSession(Gateway, from);
        using var response = await session.SignInAsync(username, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    private static RecordSubmission Fire(int i) => new()
    {
        Reference = "probe-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Category = "Fire incident",
        Month = "2008-10",
        OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2008, 10, 11, 22, 0, 0, TimeSpan.Zero)),
        Location = "On or near Portswood Road",
        Attributes = { ["fireType"] = "secondary", ["deliberate"] = "yes" },
    };

    private static List<string> Rows(string html) => html.Split("</tr>").Select(r => Regex.Replace(r, "<[^>]+>", " ")).ToList();

    // As the administrator: client credentials for an organisation's system, which its page shows once.
    private static async Task<(string ClientId, string Secret)> IssueClientAsync(WebSession admin, string organisation, string label)
    {
        using var issued = await admin.PostAsync(organisation + "/clients", [new("label", label)], organisation);
        var html = await issued.Content.ReadAsStringAsync();
        return (ClientId().Match(html).Groups[1].Value, ClientSecret().Match(html).Groups[1].Value);
    }

    private static FormUrlEncodedContent ClientCredentials(string clientId, string secret) =>
        new([new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", secret)]);

    [GeneratedRegex("id=\"client-id\">([^<]+)<")]
    private static partial Regex ClientId();

    [GeneratedRegex("id=\"client-secret\">([^<]+)<")]
    private static partial Regex ClientSecret();

    [GeneratedRegex("id=\"one-time-password\">([^<]+)<")]
    private static partial Regex OneTimePassword();
}

internal static class LocationExtensions
{
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
