using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Hosting;

namespace SafeCity.Kernel.Features.ReadAuditTrail;

/// <summary>The theme's audit trail for administrators: GET /api/{theme}/audit, as JSON or CSV.</summary>
public static class AuditApi
{
    public const int MaxEntries = 10_000;

    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder app, ThemeDefinition theme) =>
        app.MapGet($"/api/{theme.Slug}/audit", Read).RequireAuthorization(ThemePolicies.Administer).WithTags(theme.Slug + " audit")
            .WithSummary("Every change, newest first: who, when, what, before and after. from/to are dates (YYYY-MM-DD, to exclusive; default the last 30 days); format=csv for a file.");

    public static async Task<Results<Ok<AuditEntry[]>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Read(
        string? from, string? to, string? format, IAuditLog log, ThemeDefinition theme, TimeProvider clock, CancellationToken ct)
    {
        var (start, end, errors) = Span(from, to, clock.GetUtcNow());
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var entries = await log.ReadAsync(start, end, MaxEntries, ct);
        if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(entries.ToArray());
        }

        var csv = new StringBuilder("sequence,at,actor,action,subject,before,after\n");
        foreach (var e in entries)
        {
            csv.AppendJoin(',', e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                Text.CsvField(e.Actor), Text.CsvField(e.Action), Text.CsvField(e.Subject), Text.CsvField(e.Before), Text.CsvField(e.After)).Append('\n');
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"{theme.Slug}-audit-{start:yyyy-MM-dd}-to-{end:yyyy-MM-dd}.csv");
    }

    public static (DateTimeOffset From, DateTimeOffset To, Dictionary<string, string[]> Errors) Span(string? from, string? to, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var end = now.UtcDateTime.Date.AddDays(1);
        var start = end.AddDays(-30);
        if (!string.IsNullOrEmpty(to) && !DateTime.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out end))
        {
            errors["to"] = ["Give the day after the last as YYYY-MM-DD."];
        }

        if (!string.IsNullOrEmpty(from) && !DateTime.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start))
        {
            errors["from"] = ["Give the first day as YYYY-MM-DD."];
        }

        return (new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero), errors);
    }
}
