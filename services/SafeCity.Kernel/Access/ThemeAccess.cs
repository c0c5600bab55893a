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
public sealed class ThemeAccess(IOptions<AccessOptions> options, Hosting.ThemeDefinition? theme = null)
{
    public const string Anonymous = "anonymous";

    /// <summary>
    /// A signed-in person may change the theme when they are an officer of its lead partnership or an
    /// administrator; someone not signed in, only while anonymous editing is allowed.
    /// </summary>
    public bool CanEdit(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.IsInRole(PlatformRoles.Administrator) || (theme is not null && user.IsInRole(PlatformRoles.OfficerOf(theme.Slug)))
            : options.Value.AllowAnonymousEditing;

    /// <summary>Administrators read and export the audit trail; so does anyone while anonymous editing is allowed.</summary>
    public bool CanAdminister(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.IsInRole(PlatformRoles.Administrator) : options.Value.AllowAnonymousEditing;

    public static string ActorOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;

    public const string RefusalMessage = "You may not change this theme: sign in as an officer of its lead partnership.";

}
