using Microsoft.AspNetCore.Authorization;

namespace SafeCity.Governance.Access;

/// <summary>Governance's authorisation policies, by name, for the Map… line of each endpoint; each asks <see cref="GovernanceAccess"/>.</summary>
public static class GovernancePolicies
{
    /// <summary>Write a theme's plans: any theme's officers and administrators (the endpoint checks which theme).</summary>
    public const string WritePlans = "governance:write-plans";

    /// <summary>Run the PMG cycle: the PMG and administrators.</summary>
    public const string RunPmg = "governance:run-pmg";

    /// <summary>Administer the platform (rebuild the read model): administrators.</summary>
    public const string Administer = "governance:administer";

    /// <summary>Read the disclosure log of personal data: the PPO scheme's designated officers and administrators.</summary>
    public const string ReadDisclosureLog = "governance:read-disclosure-log";

    /// <summary>See the PPO cohort and its personal data: the scheme's designated officers alone (need to know).</summary>
    public const string SeePpoCohort = "governance:see-ppo-cohort";

    /// <summary>Anyone signed in: their own work.</summary>
    public const string SignedIn = "governance:signed-in";

    /// <summary>Everyone's work due, with its owners: the gateway's reminder job alone (a service token naming the gateway).</summary>
    public const string ReadWorkDue = "governance:read-work-due";

    public static IServiceCollection AddGovernancePolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, GovernancePermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, Kernel.Access.RefusalWithReason>();
        services.AddAuthorizationBuilder()
            .AddPolicy(WritePlans, p => p.AddRequirements(new GovernancePermission(WritePlans)))
            .AddPolicy(RunPmg, p => p.AddRequirements(new GovernancePermission(RunPmg)))
            .AddPolicy(Administer, p => p.AddRequirements(new GovernancePermission(Administer)))
            .AddPolicy(ReadDisclosureLog, p => p.AddRequirements(new GovernancePermission(ReadDisclosureLog)))
            .AddPolicy(SeePpoCohort, p => p.AddRequirements(new GovernancePermission(SeePpoCohort)))
            .AddPolicy(ReadWorkDue, p => p.AddRequirements(new GovernancePermission(ReadWorkDue)))
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
                Administer => access.CanAdminister(context.User),
                ReadDisclosureLog => access.CanReadDisclosureLog(context.User),
                SeePpoCohort => access.CanSeePpoCohort(context.User),
                ReadWorkDue => access.IsGatewaysReminderJob(context.User),
                _ => false,
            };
            if (allowed)
            {
                context.Succeed(requirement);
            }
            else if (context.User.Identity?.IsAuthenticated == true)
            {
                context.Fail(new AuthorizationFailureReason(this, requirement.Policy switch
                {
                    RunPmg => GovernanceAccess.PmgRefusal,
                    Administer => GovernanceAccess.AdministratorRefusal,
                    ReadDisclosureLog => "Only the PPO scheme's designated officers and administrators read the disclosure log.",
                    SeePpoCohort => "Only the PPO scheme's designated officers see the cohort.",
                    _ => "You may not do this.",
                }));
            }

            return Task.CompletedTask;
        }
    }
}
