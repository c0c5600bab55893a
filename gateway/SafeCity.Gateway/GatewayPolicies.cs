using SafeCity.Contracts.Identity;
using SafeCity.Gateway.ChangePassword;

namespace SafeCity.Gateway;

/// <summary>Who may use the gateway's own pages, by name, where each endpoint is mapped.</summary>
public static class GatewayPolicies
{
    /// <summary>Anyone signed in, a one-time password included (the change-password page).</summary>
    public const string SignedIn = "gateway:signed-in";

    /// <summary>Administrators, with a password of their own: accounts, the partner register, the audit trail.</summary>
    public const string Administer = "gateway:administer";

    public static IServiceCollection AddGatewayPolicies(this IServiceCollection services) => services.AddAuthorizationBuilder()
        .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
        .AddPolicy(Administer, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.Administrator).RequireAssertion(c => !c.User.MustChangePassword()))
        .Services;
}
