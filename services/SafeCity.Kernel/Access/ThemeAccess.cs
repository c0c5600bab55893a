using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;

namespace SafeCity.Kernel.Access;

/// <summary>
/// The one place that decides who may change a theme's plans, actions and measurements. Every page,
/// HTTP endpoint and gRPC method that writes asks it; nothing writes without asking.
/// </summary>
/// <summary>
/// Turns away callers nobody signed in, when anonymous access is off: 401 for the APIs and gRPC, the
/// gateway's sign-in page for people. Health checks, the event path and metrics stay open for the platform's watchers.
/// </summary>
public static class SignedInCallers
{
    /// <summary>What a partner system signed in as its organisation may call.</summary>
    public static readonly string[] PartnerSystemPaths = ["/safecity.records.v1.PartnerRecords", "/safecity.governance.v1.PartnerPerformance", "/grpc.reflection.v1.ServerReflection", "/grpc.reflection.v1alpha.ServerReflection"];

    /// <summary>What the platform's own watchers read (probes, the event path, a Prometheus scrape): open, and never forwarded by the gateway.</summary>
    public static readonly string[] ProbePaths =
    [
        Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.HealthPath,
        Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.AlivePath,
        Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.MetricsPath,
        ServiceDefaults.EventPathReport.Path,
    ];

    public static IApplicationBuilder RequireSignedInCallers(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var probe = ProbePaths.Any(p => context.Request.Path.StartsWithSegments(p));
            if (ThemeAccess.IsPartnerSystem(context.User) && !probe && !PartnerSystemPaths.Any(p => context.Request.Path.StartsWithSegments(p)))
            {
                // Need to know (Appendix B, paragraph 26): a partner system hands in records and reads back its own figures, nothing else.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            var open = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.AllowAnonymous
                || context.User.Identity?.IsAuthenticated == true
                || probe
                || ScheduledCalls.IsScheduledCall(context);
            if (open)
            {
                await next(context);
                return;
            }

            var machine = context.Request.Path.StartsWithSegments("/api") || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
                || context.Request.Path.Value?.Contains("openapi", StringComparison.Ordinal) == true;
            if (machine)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            context.Response.Redirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString));
        });
}

public sealed class ThemeAccess(IOptions<AccessOptions> options, Hosting.ThemeDefinition? theme = null)
{
    public const string Anonymous = "anonymous";

    /// <summary>
    /// A signed-in person may change the theme when they are an officer of its lead partnership or an
    /// administrator; someone not signed in, only while anonymous access is on (Access:AllowAnonymous).
    /// </summary>
    public bool CanEdit(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.IsInRole(PlatformRoles.Administrator) || (theme is not null && user.IsInRole(PlatformRoles.OfficerOf(theme.Slug)))
            : options.Value.AllowAnonymous;

    /// <summary>
    /// Targets belong to the partnership: the theme's officers set them, and so does the Performance
    /// Management Group (at the LAA refresh), and administrators.
    /// </summary>
    public bool CanSetTargets(ClaimsPrincipal user) =>
        CanEdit(user) || (user.Identity?.IsAuthenticated == true && user.IsInRole(PlatformRoles.PerformanceManagementGroup));

    /// <summary>Administrators read and export the audit trail; so does anyone while anonymous access is on.</summary>
    public bool CanAdminister(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.IsInRole(PlatformRoles.Administrator) : options.Value.AllowAnonymous;

    public static string ActorOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;

    public const string RefusalMessage = "You may not change this theme: sign in as an officer of its lead partnership.";

    /// <summary>Who may hand records to the theme's register: those who may edit it, and partner systems.</summary>
    public bool CanSubmitRecords(ClaimsPrincipal user) => CanEdit(user) || IsPartnerSystem(user);

    /// <summary>
    /// Who a record is from, never the caller's word: a partner system's organisation; the platform's own
    /// tools (the operator) may name the public source they import; anyone else is their own account.
    /// </summary>
    public static string SourceOf(ClaimsPrincipal user, string? named) =>
        OrganisationOf(user)
        ?? (user.Identity?.IsAuthenticated == true && user.IsInRole(PlatformRoles.PlatformOperator) && !string.IsNullOrWhiteSpace(named) ? named.Trim() : ActorOf(user));

    public static bool IsPartnerSystem(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.IsInRole(PlatformRoles.PartnerSystem);

    /// <summary>The register id of the organisation a partner system signed in as; null for anyone else.</summary>
    public static string? OrganisationOf(ClaimsPrincipal user) =>
        IsPartnerSystem(user) ? RolesAfter(user, PlatformRoles.Organisation("")).FirstOrDefault() : null;

    /// <summary>The categories a partner system's organisation may share.</summary>
    public static IReadOnlySet<string> SharesOf(ClaimsPrincipal user) =>
        RolesAfter(user, PlatformRoles.Shares("")).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> RolesAfter(ClaimsPrincipal user, string prefix) =>
        user.FindAll(ClaimTypes.Role).Select(r => r.Value).Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r[prefix.Length..]);

    /// <summary>
    /// Whether the caller may share records of this category: a partner system only the categories its
    /// organisation may share under the Information Sharing Agreement (its signed identity lists them);
    /// the theme's own officers any.
    /// </summary>
    public static bool MayShare(ClaimsPrincipal user, string category) =>
        !IsPartnerSystem(user) || user.IsInRole(PlatformRoles.Shares(category));

}
