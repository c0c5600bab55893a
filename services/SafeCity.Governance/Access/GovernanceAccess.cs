using System.Security.Claims;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;
using SafeCity.Kernel.Access;

namespace SafeCity.Governance.Access;

/// <summary>
/// Who may do what in governance. Everyone signed in reads; the Performance Management Group (and
/// administrators) run the PMG cycle and import comparisons; administrators change the Appendix C
/// structure and rebuild the read model.
/// </summary>
public sealed class GovernanceAccess(IOptions<AccessOptions> options)
{
    public bool CanRunPmg(ClaimsPrincipal user) =>
        Signed(user) ? user.IsInRole(PlatformRoles.PerformanceManagementGroup) || user.IsInRole(PlatformRoles.Administrator) : options.Value.AllowAnonymous;

    public bool CanAdminister(ClaimsPrincipal user) =>
        Signed(user) ? user.IsInRole(PlatformRoles.Administrator) : options.Value.AllowAnonymous;

    /// <summary>Only a designated officer of the PPO scheme sees the cohort and its personal data (need to know, paragraph 26).</summary>
    public bool CanSeePpoCohort(ClaimsPrincipal user) =>
        Signed(user) ? user.IsInRole(PlatformRoles.PpoOfficer) : options.Value.AllowAnonymous;

    /// <summary>The disclosure log: the scheme's designated officers, and administrators who audit it.</summary>
    public bool CanReadDisclosureLog(ClaimsPrincipal user) =>
        Signed(user) ? user.IsInRole(PlatformRoles.PpoOfficer) || user.IsInRole(PlatformRoles.Administrator) : options.Value.AllowAnonymous;

    /// <summary>Writing a theme's plans (taking a plan number for it): the theme's own service, its officers and administrators.</summary>
    public bool CanWritePlansOf(ClaimsPrincipal user, string theme) =>
        Signed(user) ? IsServiceOf(user, theme) || user.IsInRole(PlatformRoles.Administrator) || user.IsInRole(PlatformRoles.OfficerOf(theme)) : options.Value.AllowAnonymous;

    /// <summary>Any theme's service or officers, or an administrator: who may ask the register of plan numbers at all.</summary>
    public bool CanWriteAnyPlans(ClaimsPrincipal user) =>
        Signed(user) ? IsService(user) || user.IsInRole(PlatformRoles.Administrator) || user.FindAll(ClaimTypes.Role).Any(r => r.Value.StartsWith(PlatformRoles.OfficerOf(""), StringComparison.Ordinal)) : options.Value.AllowAnonymous;

    /// <summary>Everyone's work due: only the gateway's reminder job, which alone knows people's addresses.</summary>
    public bool IsGatewaysReminderJob(ClaimsPrincipal user) =>
        Signed(user) ? IsService(user) && user.Identity?.Name == "service:gateway" : options.Value.AllowAnonymous;

    private static bool IsService(ClaimsPrincipal user) => user.FindFirst(PlatformRoles.TokenKindClaim)?.Value == nameof(TokenKind.Service);

    private static bool IsServiceOf(ClaimsPrincipal user, string theme) => IsService(user) && user.Identity?.Name == "service:" + theme;

    public const string PpoRefusal = "Only a designated officer of the prolific and priority offender scheme may see the cohort.";

    public const string PmgRefusal = "Only the Performance Management Group or an administrator may do this.";
    public const string AdministratorRefusal = "Only an administrator may do this.";

    private static bool Signed(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;
}
