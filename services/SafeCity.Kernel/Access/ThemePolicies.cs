using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace SafeCity.Kernel.Access;

/// <summary>
/// The theme's authorisation policies, by name, for the Map… line of each endpoint. Each asks
/// <see cref="ThemeAccess"/>, so an endpoint, a page's form and a gRPC method judge a caller alike.
/// </summary>
public static class ThemePolicies
{
    /// <summary>Change the theme's plans, actions and figures: its officers and administrators.</summary>
    public const string Edit = "theme:edit";

    /// <summary>Set the targets of its indicators: its officers, the PMG and administrators.</summary>
    public const string SetTargets = "theme:set-targets";

    /// <summary>Send records over gRPC: the theme's officers and administrators, and partner systems (what each may share is checked record by record).</summary>
    public const string SubmitRecords = "theme:submit-records";

    /// <summary>Read the theme's audit trail: administrators.</summary>
    public const string Administer = "theme:administer";

    public static IServiceCollection AddThemePolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, ThemePermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RefusalWithReason>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Edit, p => p.AddRequirements(new ThemePermission(Edit)))
            .AddPolicy(SetTargets, p => p.AddRequirements(new ThemePermission(SetTargets)))
            .AddPolicy(Administer, p => p.AddRequirements(new ThemePermission(Administer)))
            .AddPolicy(SubmitRecords, p => p.AddRequirements(new ThemePermission(SubmitRecords)));
        return services;
    }

    private sealed record ThemePermission(string Policy) : IAuthorizationRequirement;

    private sealed class ThemePermissionHandler(ThemeAccess access) : AuthorizationHandler<ThemePermission>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ThemePermission requirement)
        {
            var allowed = requirement.Policy switch
            {
                Edit => access.CanEdit(context.User),
                SetTargets => access.CanSetTargets(context.User),
                Administer => access.CanAdminister(context.User),
                SubmitRecords => access.CanSubmitRecords(context.User),
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
                    Administer => "Only administrators may do this.",
                    SetTargets => "Only the theme's officers, the PMG and administrators may set targets.",
                    _ => ThemeAccess.RefusalMessage,
                }));
            }

            return Task.CompletedTask;
        }
    }
}
