namespace SafeCity.Integration.Tests.Security;

/// <summary>The gateway's own forms and routes never show a long value back.</summary>
public sealed partial class GatewaySecurityTests
{
    private static readonly string LongValue = string.Concat(Enumerable.Repeat("echo-", 20_000));

    /// <summary>A value in a route is as long as a request line lets it be (8 KB at Kestrel).</summary>
    private static readonly string LongRouteValue = LongValue[..4_000];

    [Fact]
    public async Task No_form_or_route_of_the_gateway_shows_a_long_value_back()
    {
        using var admin = await fixture.AdministratorAsync("127.0.0.60");
        const string organisation = "/account/organisations/southampton-city-council";
        (string Path, string[] Fields, string Page)[] forms =
        [
            ("/account/users/", ["username", "name", "roles"], "/account/users"),
            ("/account/users/admin/roles", ["roles"], "/account/users"),
            ("/account/users/admin/email", ["email"], "/account/users"),
            ("/account/password", ["current", "replacement", "confirmation"], "/account/password"),
            (organisation + "/officers", ["name", "post", "email"], organisation),
            (organisation + "/clients", ["label", "categories"], organisation),
            (organisation + "/categories", ["categories"], organisation),
            ($"/account/users/{LongRouteValue}/email", ["email"], "/account/users"),
            ($"/account/users/{LongRouteValue}/disable", [], "/account/users"),
            ($"/account/organisations/{LongRouteValue}/officers", ["name"], organisation),
            ($"{organisation}/clients/{LongRouteValue}/revoke", [], organisation),
        ];
        var shown = new List<string>();
        foreach (var (path, fields, page) in forms)
        {
            foreach (var field in fields.DefaultIfEmpty(""))
            {
                using var response = await admin.PostAsync(path, fields.Select(f => new KeyValuePair<string, string>(f, f == field ? LongValue : "x")), page);
                Check($"{path.Replace(LongRouteValue, "{long}", StringComparison.Ordinal)} {field}", response, await response.Content.ReadAsStringAsync(), shown);
            }
        }

        // Signing in and a partner's token request, from addresses of their own.
        foreach (var field in new[] { "username", "password", "returnUrl" })
        {
            using var someone = new WebSession(Gateway, "127.0.0.61");
            using var response = await someone.PostAsync("/account/sign-in", [new("username", field == "username" ? LongValue : "admin"), new("password", field == "password" ? LongValue : "x"), new("returnUrl", field == "returnUrl" ? "/" + LongValue : "/")], "/account/sign-in");
            Check($"/account/sign-in {field}", response, await response.Content.ReadAsStringAsync(), shown);
        }

        using var partner = new HttpClient { BaseAddress = Gateway };
        foreach (var field in new[] { "client_id", "client_secret", "grant_type" })
        {
            using var response = await partner.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = field == "grant_type" ? LongValue : "client_credentials",
                ["client_id"] = field == "client_id" ? LongValue : "x",
                ["client_secret"] = field == "client_secret" ? LongValue : "x",
            }));
            Check($"/connect/token {field}", response, await response.Content.ReadAsStringAsync(), shown);
        }

        Assert.True(shown.Count == 0, "Shown back at length:\n" + string.Join("\n", shown));
    }

    private static void Check(string what, HttpResponseMessage response, string answer, List<string> shown)
    {
        if (answer.Contains(LongValue[..40], StringComparison.Ordinal) || response.Headers.Location?.OriginalString.Contains(LongValue[..40], StringComparison.Ordinal) == true)
        {
            shown.Add($"{what} ({(int)response.StatusCode})");
        }

        if ((int)response.StatusCode >= 500)
        {
            shown.Add($"{what}: failed ({(int)response.StatusCode})");
        }
    }
}
