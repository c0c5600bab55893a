using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway.Accounts;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Partners;

/// <summary>
/// Partner systems authenticate as their organisation with client credentials the platform issued
/// (OAuth 2.0 client credentials: POST /connect/token), and administrators keep the register of
/// signatories, their designated officers, the categories each may share and their systems'
/// credentials (/account/organisations).
/// </summary>
public static class PartnerEndpoints
{
    public static readonly TimeSpan TokenLifetime = PlatformTokens.PartnerAccessLifetime;

    public static void MapPartnerEndpoints(this WebApplication app)
    {
        app.MapPost("/connect/token", IssueToken).DisableAntiforgery();
        var admin = app.MapGroup("/account/organisations").RequireAuthorization(p => p.RequireRole(PlatformRoles.Administrator));
        admin.MapGet("/", (HttpContext http, IAntiforgery af, PartnerRegister register) => AccountPages.Page(http, af, "Information sharing: signatories", ListPage(register)));
        admin.MapGet("/{id}", async (string id, HttpContext http, IAntiforgery af, PartnerRegister register, ThemeCategories categories, CancellationToken ct) =>
            register.Find(id) is { } s ? AccountPages.Page(http, af, s.Name, OrganisationPage(s, register, await categories.AllAsync(ct), null)) : Results.NotFound());
        admin.MapPost("/{id}/categories", async (string id, HttpContext http, IAntiforgery af, PartnerRegister register, ThemeCategories categories, IFormCollection form, CancellationToken ct) =>
        {
            var known = await categories.AllAsync(ct);
            var chosen = form["categories"].OfType<string>().ToList();
            if (register.Find(id) is not { } s)
            {
                return Results.NotFound();
            }

            if (chosen.FirstOrDefault(c => known.All(k => k.Name != c)) is { } unknown)
            {
                return AccountPages.Page(http, af, s.Name, OrganisationPage(s, register, known, $"No theme keeps '{unknown}' records."), StatusCodes.Status400BadRequest);
            }

            register.SetCategories(id, chosen, http.User.Identity!.Name!);
            return Results.Redirect($"/account/organisations/{Uri.EscapeDataString(id)}");
        });
        admin.MapPost("/{id}/officers", async (string id, HttpContext http, IAntiforgery af, PartnerRegister register, ThemeCategories categories, IFormCollection form, CancellationToken ct) =>
        {
            if (register.Find(id) is not { } s)
            {
                return Results.NotFound();
            }

            var error = register.AddOfficer(id, form["name"], form["post"], form["email"], http.User.Identity!.Name!);
            return error is null
                ? Results.Redirect($"/account/organisations/{Uri.EscapeDataString(id)}")
                : AccountPages.Page(http, af, s.Name, OrganisationPage(s, register, await categories.AllAsync(ct), error), StatusCodes.Status400BadRequest);
        });
        admin.MapPost("/{id}/officers/{index:int}/remove", (string id, int index, HttpContext http, PartnerRegister register) =>
        {
            if (register.Find(id) is null)
            {
                return Results.NotFound();
            }

            register.RemoveOfficer(id, index, http.User.Identity!.Name!);
            return Results.Redirect($"/account/organisations/{Uri.EscapeDataString(id)}");
        });
        admin.MapPost("/{id}/clients", (string id, HttpContext http, IAntiforgery af, PartnerRegister register, IFormCollection form) =>
        {
            if (register.Find(id) is not { } s)
            {
                return Results.NotFound();
            }

            var label = string.IsNullOrWhiteSpace(form["label"]) ? "partner system" : form["label"].ToString().Trim();
            var (clientId, secret) = register.IssueClient(id, label, http.User.Identity!.Name!);
            return AccountPages.Page(http, af, "Client credentials issued",
                $"<div class=\"govuk-panel govuk-panel--confirmation\"><h2 class=\"govuk-panel__title\">Credentials for {AccountPages.E(s.Name)}</h2>" +
                $"<div class=\"govuk-panel__body\">Client id: <strong id=\"client-id\">{AccountPages.E(clientId)}</strong><br />Secret: <strong id=\"client-secret\">{AccountPages.E(secret)}</strong></div></div>" +
                "<p class=\"govuk-body\">Give them to the organisation's designated officer privately; the secret is shown only this once. Its system exchanges them at <code>POST /connect/token</code> for a token to send with its gRPC calls (docs/partners.md).</p>" +
                $"<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account/organisations/{AccountPages.E(id)}\">Back to {AccountPages.E(s.Name)}</a></p>");
        });
        admin.MapPost("/{id}/clients/{clientId}/revoke", (string id, string clientId, PartnerRegister register) =>
        {
            register.RevokeClient(clientId);
            return Results.Redirect($"/account/organisations/{Uri.EscapeDataString(id)}");
        });
    }

    /// <summary>
    /// The client credentials grant: client_id and client_secret in the form (or HTTP Basic) give a
    /// signed token naming the organisation and the categories it may share, for 15 minutes.
    /// </summary>
    public static async Task<IResult> IssueToken(HttpContext http, PartnerRegister register, IdentityKeys keys, ThemeCategories themes, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return OAuthError("invalid_request", "Send application/x-www-form-urlencoded with grant_type=client_credentials.", StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(ct);
        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError("unsupported_grant_type", "Only grant_type=client_credentials is offered.", StatusCodes.Status400BadRequest);
        }

        var (clientId, secret) = Basic(http) ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        if (register.Verify(clientId, secret) is not { } organisation)
        {
            // Which part was wrong is not said; the attempt is logged without the secret.
            logs.CreateLogger("SafeCity.Gateway.Partners").LogWarning("Refused client credentials for client id {ClientId}.", clientId.Length > 100 ? clientId[..100] : clientId);
            return OAuthError("invalid_client", "The client credentials are not valid.", StatusCodes.Status401Unauthorized);
        }

        var roles = new List<string> { PlatformRoles.PartnerSystem, PlatformRoles.Organisation(organisation.Id) };
        roles.AddRange(organisation.Categories.Select(PlatformRoles.Shares));
        var now = clock.GetUtcNow();
        var token = keys.Current.Issue(TokenKind.Partner, new PlatformUser(organisation.Id, organisation.Name, roles, now.Add(TokenLifetime)), PlatformTokens.GatewayAudience, now);
        // Which theme keeps each category, so that the partner's client knows where to send each record.
        var kept = await themes.AllAsync(ct);
        var routes = organisation.Categories.ToDictionary(c => c, c => kept.Where(k => k.Name == c).Select(k => k.Theme).ToArray(), StringComparer.Ordinal);
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)TokenLifetime.TotalSeconds, organisation = organisation.Name, categories = organisation.Categories, routes });
    }

    private static (string, string)? Basic(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
            return pair.Length == 2 ? (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IResult OAuthError(string error, string description, int status) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    private static string ListPage(PartnerRegister register) =>
        "<p class=\"govuk-body\">The 15 signatories of the Information Sharing Agreement (Appendix B). Each may share the categories of records listed; its systems sign in with client credentials issued here.</p>" +
        "<table class=\"govuk-table\" id=\"signatories\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Organisation</th>" +
        "<th scope=\"col\" class=\"govuk-table__header\">Agency</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Categories</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Designated officers</th></tr></thead><tbody class=\"govuk-table__body\">" +
        string.Concat(register.All().Select(s =>
            $"<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/account/organisations/{AccountPages.E(s.Id)}\">{AccountPages.E(s.Name)}</a></td>" +
            $"<td class=\"govuk-table__cell\">{AccountPages.E(s.AgencyType)}</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">{s.Categories.Count}</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">{s.Officers.Count}</td></tr>")) +
        "</tbody></table>";

    private static string OrganisationPage(Signatory s, PartnerRegister register, IReadOnlyList<ThemeCategory> known, string? error)
    {
        var html = new StringBuilder(AccountPages.Error(error));
        html.Append("<p class=\"govuk-body\">").Append(AccountPages.E(s.AgencyType)).Append(". <a class=\"govuk-link\" href=\"/account/organisations\">All signatories</a></p>");
        html.Append("<h2 class=\"govuk-heading-m\">Designated officers</h2>");
        html.Append(s.Officers.Count == 0 ? "<p class=\"govuk-body\">None yet: each signatory nominates at least one (Appendix B, paragraph 20).</p>" :
            "<ul class=\"govuk-list\" id=\"officers\">" + string.Concat(s.Officers.Select((o, i) => $"<li>{AccountPages.E(o.Name)}, {AccountPages.E(o.Post)}{(o.Email is { } e ? ", " + AccountPages.E(e) : "")} " +
                $"<form method=\"post\" action=\"/account/organisations/{AccountPages.E(s.Id)}/officers/{i}/remove\" class=\"safecity-inline\">{{token}}<button class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" type=\"submit\">Remove<span class=\"govuk-visually-hidden\"> {AccountPages.E(o.Name)}</span></button></form></li>")) + "</ul>");
        html.Append($"<form method=\"post\" action=\"/account/organisations/{AccountPages.E(s.Id)}/officers\" novalidate>{{token}}")
            .Append(AccountPages.Field("name", "Officer's name", "text", "off")).Append(AccountPages.Field("post", "Post", "text", "off")).Append(AccountPages.Field("email", "E-mail (optional)", "email", "off"))
            .Append("<button class=\"govuk-button govuk-button--secondary\" type=\"submit\">Add designated officer</button></form>");

        html.Append("<h2 class=\"govuk-heading-m\">What it may share</h2>");
        html.Append($"<form method=\"post\" action=\"/account/organisations/{AccountPages.E(s.Id)}/categories\" novalidate>{{token}}<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Categories of records, by the theme that keeps them</legend><div class=\"govuk-checkboxes govuk-checkboxes--small\">");
        var i = 0;
        foreach (var c in known.DistinctBy(c => c.Name).OrderBy(c => c.Theme, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var id = "category-" + i++;
            var on = s.Categories.Contains(c.Name) ? " checked" : "";
            html.Append($"<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"{id}\" name=\"categories\" type=\"checkbox\" value=\"{AccountPages.E(c.Name)}\"{on} />")
                .Append($"<label class=\"govuk-label govuk-checkboxes__label\" for=\"{id}\">{AccountPages.E(c.Name)} <span class=\"govuk-body-s\">({AccountPages.E(c.Theme)})</span></label></div>");
        }

        html.Append("</div></fieldset></div><button class=\"govuk-button\" type=\"submit\">Save categories</button></form>");
        html.Append("<h2 class=\"govuk-heading-m\">Its systems' client credentials</h2>");
        var clients = register.Clients(s.Id);
        html.Append(clients.Count == 0 ? "<p class=\"govuk-body\">None issued.</p>" : "<table class=\"govuk-table\" id=\"clients\"><tbody class=\"govuk-table__body\">" + string.Concat(clients.Select(c =>
            $"<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{AccountPages.E(c.ClientId)}</td><td class=\"govuk-table__cell\">{AccountPages.E(c.Label)}</td>" +
            $"<td class=\"govuk-table__cell\">{(c.RevokedAt is null ? $"<form method=\"post\" action=\"/account/organisations/{AccountPages.E(s.Id)}/clients/{AccountPages.E(c.ClientId)}/revoke\">{{token}}<button class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" type=\"submit\">Revoke</button></form>" : "Revoked")}</td></tr>")) + "</tbody></table>");
        html.Append($"<form method=\"post\" action=\"/account/organisations/{AccountPages.E(s.Id)}/clients\" novalidate>{{token}}").Append(AccountPages.Field("label", "Which system (e.g. Incident Recording System)", "text", "off"))
            .Append("<button class=\"govuk-button\" type=\"submit\">Issue client credentials</button></form>");
        return html.ToString();
    }
}

public sealed record ThemeCategory(string Theme, string Name, string Description);

/// <summary>The categories of records every theme keeps, asked of the themes themselves (GET /api/{theme}/records/categories).</summary>
public sealed class ThemeCategories(IHttpClientFactory clients, IOptions<GatewayOptions> options, ServiceCalls calls)
{
    public const string ClientName = "theme-categories";

    public async Task<IReadOnlyList<ThemeCategory>> AllAsync(CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        var found = new List<ThemeCategory>();
        foreach (var theme in options.Value.Themes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{theme}/api/{theme}/records/categories");
            calls.Sign(request, theme);
            try
            {
                using var response = await client.SendAsync(request, ct);
                if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<Item[]>(ct) is { } items)
                {
                    found.AddRange(items.Select(i => new ThemeCategory(theme, i.Name, i.Description)));
                }
            }
            catch (HttpRequestException)
            {
                // A theme that does not answer now offers no categories now; the page still shows the rest.
            }
        }

        return found;
    }

    private sealed record Item(string Name, string Description);
}
