using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.Access;
using SafeCity.Kernel.Apis;

namespace SafeCity.Governance.Sharing;

public static class DisclosureLogApi
{
    public static RouteGroupBuilder MapDisclosureLogApi(this RouteGroupBuilder api)
    {
        api.MapGet("/disclosures.csv", DisclosuresCsv).RequireAuthorization(GovernancePolicies.ReadDisclosureLog)
            .WithSummary("The disclosure log of personal data (Appendix B, paragraph 24) as CSV; subject, officer, from and to filter it. PPO designated officers and administrators.");
        return api;
    }

    public static async Task<FileContentHttpResult> DisclosuresCsv(PpoCohort cohort, string? subject, string? officer, string? from, string? to, CancellationToken ct)
    {
        var log = await cohort.LogAsync(subject, officer, AsAt.TryParse(from, out var f) ? f : null, AsAt.TryParse(to, out var t) ? t : null, ct);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(PpoCohort.Csv(log)), "text/csv; charset=utf-8", "disclosure-log.csv");
    }
}
