using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace SafeCity.Kernel.Access;

public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>
    /// Whether a caller with no identity may change this theme. Until sign-in exists (its own issue)
    /// the embedded default allows it and says so in the log at every start; set false to close it.
    /// </summary>
    public bool AllowAnonymousEditing { get; set; } = true;
}

/// <summary>
/// The one place that decides who may change a theme's plans, actions and measurements. Every page,
/// HTTP endpoint and gRPC method that writes asks it; nothing writes without asking.
/// </summary>
public sealed class ThemeAccess(IOptions<AccessOptions> options)
{
    public const string Anonymous = "anonymous";

    public bool CanEdit(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true || options.Value.AllowAnonymousEditing;

    public const string AdministratorRole = "administrator";

    /// <summary>Administrators read and export the audit trail; until sign-in exists, so does whoever may edit.</summary>
    public bool CanAdminister(ClaimsPrincipal user) =>
        user.IsInRole(AdministratorRole) || options.Value.AllowAnonymousEditing;

    public static string ActorOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;

    public const string RefusalMessage = "You may not change this theme: sign in as an officer of its lead partnership.";
}
