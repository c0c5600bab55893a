using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace SafeCity.Kernel.Access;

/// <summary>A page asks the same named policy its endpoints are mapped with, before it shows a form or acts on one.</summary>
public static class PolicyChecks
{
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy) =>
        (await authorization.AuthorizeAsync(user, policy)).Succeeded;
}
