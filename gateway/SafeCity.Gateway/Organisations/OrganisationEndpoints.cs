using SafeCity.Gateway.Audit;
using SafeCity.Gateway.Partners;
using SafeCity.Gateway.Web;

namespace SafeCity.Gateway.Organisations;

/// <summary>
/// An administrator keeps the register of the agreement's signatories: their designated officers, the
/// categories each may share, and their systems' client credentials.
/// </summary>
public static class OrganisationEndpoints
{
    private const int MaxLabelLength = 200;

    public static RouteGroupBuilder MapOrganisations(this RouteGroupBuilder account)
    {
        var organisations = account.MapGroup("/organisations").RequireAuthorization(GatewayPolicies.Administer);
        organisations.MapGet("/", (PartnerRegister register) => GatewayPages.Page<SignatoriesPage>(new { Signatories = register.All() }));
        organisations.MapGet("/{id}", async (string id, PartnerRegister register, ThemeCategories categories, CancellationToken ct) =>
            register.Find(id) is { } s ? await ShowAsync(s, register, categories, null, ct) : Results.NotFound());

        organisations.MapPost("/{id}/categories", async (string id, HttpContext http, PartnerRegister register, ThemeCategories categories, GatewayAudit audit, CancellationToken ct) =>
        {
            if (register.Find(id) is not { } s)
            {
                return Results.NotFound();
            }

            var form = await http.Request.ReadFormAsync(ct);
            var known = await categories.AllAsync(ct);
            if (categories.Unknown() is { Count: > 0 } unknown)
            {
                // Its categories are not on the page, so saving would take them away from the organisation.
                return await ShowAsync(s, register, categories, FieldError.One("categories",
                    $"The {string.Join(" and ", unknown)} service is not answering, so its categories cannot be listed: nothing was changed. Try again once it is back."), ct, StatusCodes.Status503ServiceUnavailable);
            }

            var chosen = form["categories"].OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (chosen.Any(c => known.All(k => k.Name != c)))
            {
                return await ShowAsync(s, register, categories, FieldError.One("categories", "Choose categories from the list: one sent is kept by no theme."), ct, StatusCodes.Status400BadRequest);
            }

            register.SetCategories(id, chosen, http.User.Identity!.Name!);
            audit.Record(http, AuditActions.CategoriesSet, s.Id, string.Join(", ", chosen));
            return Results.Redirect($"/account/organisations/{Uri.EscapeDataString(id)}");
        });

        organisations.MapPost("/{id}/officers", async (string id, HttpContext http, PartnerRegister register, ThemeCategories categories, GatewayAudit audit, CancellationToken ct) =>
        {
            if (register.Find(id) is not { } s)
            {
                return Results.NotFound();
            }

            var form = await http.Request.ReadFormAsync(ct);
            if (register.AddOfficer(id, form.Field("name"), form.Field("post"), form.Field("email"), http.User.Identity!.Name!) is { } problem)
            {
                return await ShowAsync(s, register, categories, FieldError.One(problem.Field, problem.Message), ct, StatusCodes.Status400BadRequest);
            }

            audit.Record(http, AuditActions.OfficerAdded, s.Id, form.Field("name")!.Trim());
            return Results.Redirect($"/account/organisations/{Uri.EscapeDataString(id)}");
        });

        organisations.MapPost("/{id}/officers/{index:int}/remove", (string id, int index, HttpContext http, PartnerRegister register, GatewayAudit audit) =>
        {
            if (register.Find(id) is null)
            {
                return Results.NotFound();
            }

            if (register.RemoveOfficer(id, index, http.User.Identity!.Name!) is { } removed)
            {
                audit.Record(http, AuditActions.OfficerRemoved, id, removed.Name);
            }

            return Results.Redirect($"/account/organisations/{Uri.EscapeDataString(id)}");
        });

        organisations.MapPost("/{id}/clients", async (string id, HttpContext http, PartnerRegister register, ThemeCategories categories, GatewayAudit audit, CancellationToken ct) =>
        {
            if (register.Find(id) is not { } s)
            {
                return Results.NotFound();
            }

            var form = await http.Request.ReadFormAsync(ct);
            var label = form.Field("label")?.Trim();
            if (label is { Length: > MaxLabelLength })
            {
                return await ShowAsync(s, register, categories, FieldError.One("label", $"Name the system in up to {MaxLabelLength} characters."), ct, StatusCodes.Status400BadRequest);
            }

            var (clientId, secret) = register.IssueClient(id, string.IsNullOrEmpty(label) ? "partner system" : label, http.User.Identity!.Name!);
            audit.Record(http, AuditActions.ClientIssued, s.Id, $"{clientId} ({label})");
            return GatewayPages.Secret<ClientIssuedPage>(http, new { Organisation = s.Name, OrganisationId = s.Id, ClientId = clientId, Secret = secret });
        });

        organisations.MapPost("/{id}/clients/{clientId}/revoke", (string id, string clientId, HttpContext http, PartnerRegister register, GatewayAudit audit) =>
        {
            if (register.Find(id) is null)
            {
                return Results.NotFound();
            }

            if (register.RevokeClient(id, clientId))
            {
                audit.Record(http, AuditActions.ClientRevoked, id, clientId);
            }

            return Results.Redirect($"/account/organisations/{Uri.EscapeDataString(id)}");
        });
        return account;
    }

    private static async Task<IResult> ShowAsync(Signatory signatory, PartnerRegister register, ThemeCategories categories, IReadOnlyList<FieldError>? errors, CancellationToken ct, int status = StatusCodes.Status200OK) =>
        GatewayPages.Page<OrganisationPage>(new { Signatory = signatory, Known = await categories.AllAsync(ct), Unavailable = categories.Unknown(), Clients = register.Clients(signatory.Id), Errors = errors }, status);
}
