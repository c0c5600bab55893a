using SafeCity.Gateway.Web;

namespace SafeCity.Gateway.Audit;

/// <summary>An administrator reads the gateway's audit trail.</summary>
public static class AuditEndpoints
{
    private const int Limit = 500;

    public static RouteGroupBuilder MapAuditTrail(this RouteGroupBuilder account)
    {
        account.MapGet("/audit", (GatewayAudit audit, string? who, string? action) =>
        {
            var actions = typeof(AuditActions).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal).ToList();
            var chosen = actions.Contains(action ?? "", StringComparer.Ordinal) ? action : null;
            var person = who is { Length: <= 300 } ? who : null;
            return GatewayPages.Page<AuditPage>(new { Entries = audit.Recent(Limit, person, chosen), Actions = actions, Who = person, Action = chosen, Limit });
        }).RequireAuthorization(GatewayPolicies.Administer);
        return account;
    }
}
