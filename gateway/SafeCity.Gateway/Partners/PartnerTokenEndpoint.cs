using System.Text;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway.Audit;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Partners;

/// <summary>
/// A partner system signs in as its organisation: the OAuth 2.0 client credentials grant (POST
/// /connect/token) with the credentials the platform issued, answered by a partner token for 15
/// minutes naming the organisation and the categories it may share. Machine to machine, so no
/// antiforgery token: no browser's cookie is ever what it rests on.
/// </summary>
public static class PartnerTokenEndpoint
{
    public static readonly TimeSpan TokenLifetime = PlatformTokens.PartnerAccessLifetime;

    public static void MapPartnerToken(this WebApplication app) => app.MapPost("/connect/token", IssueAsync).DisableAntiforgery();

    public static async Task<IResult> IssueAsync(HttpContext http, PartnerRegister register, IdentityKeys keys, ThemeCategories themes, GatewayAudit audit, TimeProvider clock, CancellationToken ct)
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
        var address = AuditHttp.AddressOf(http);
        if (register.Verify(clientId, secret, address, out var attempt) is not { } organisation)
        {
            if (attempt.Refusal == SignIn.AttemptRefusal.Throttled)
            {
                audit.RecordRefusal(clientId, AuditActions.Throttled, clientId, address, "too many token requests from this address");
                var seconds = (int)attempt.RetryAfter.TotalSeconds;
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return OAuthError("slow_down", $"Too many token requests from this address: try again in {seconds:N0} seconds.", StatusCodes.Status429TooManyRequests);
            }

            // Which part was wrong is not said; the attempt is recorded without the secret, once a minute from one address.
            audit.RecordRefusal(clientId, AuditActions.PartnerTokenRefused, clientId, address);
            return OAuthError("invalid_client", "The client credentials are not valid.", StatusCodes.Status401Unauthorized);
        }

        var roles = new List<string> { PlatformRoles.PartnerSystem, PlatformRoles.Organisation(organisation.Id), PlatformRoles.Client(clientId) };
        roles.AddRange(organisation.Categories.Select(PlatformRoles.Shares));
        var now = clock.GetUtcNow();
        var token = keys.Current.Issue(TokenKind.Partner, new PlatformUser(organisation.Id, organisation.Name, roles, now.Add(TokenLifetime)), PlatformTokens.GatewayAudience, now);
        audit.Record(clientId, AuditActions.PartnerTokenIssued, organisation.Id, address, $"for {TokenLifetime.TotalMinutes:0} minutes");
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
}
