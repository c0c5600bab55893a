using Microsoft.AspNetCore.Authorization;

namespace SafeCity.Governance.Access;

/// <summary>Governance's authorisation policies, by name, for the Map… line of each endpoint; each asks <see cref="GovernanceAccess"/>.</summary>
public static class GovernancePolicies
{
    /// <summary>Write a theme's plans: any theme's officers and administrators (the endpoint checks which theme).</summary>
    public const string WritePlans = "governance:write-plans";

    /// <summary>Run the PMG cycle: the PMG and administrators.</summary>
    public const string RunPmg = "governance:run-pmg";

    /// <summary>Anyone signed in: their own work.</summary>
    public const string SignedIn = "governance:signed-in";

    public static IServiceCollection AddGovernancePolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, GovernancePermissionHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(WritePlans, p => p.AddRequirements(new GovernancePermission(WritePlans)))
            .AddPolicy(RunPmg, p => p.AddRequirements(new GovernancePermission(RunPmg)))
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        return services;
    }

    private sealed record GovernancePermission(string Policy) : IAuthorizationRequirement;

    private sealed class GovernancePermissionHandler(GovernanceAccess access) : AuthorizationHandler<GovernancePermission>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, GovernancePermission requirement)
        {
            var allowed = requirement.Policy switch
            {
                WritePlans => access.CanWriteAnyPlans(context.User),
                RunPmg => access.CanRunPmg(context.User),
                _ => false,
            };
            if (allowed)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
