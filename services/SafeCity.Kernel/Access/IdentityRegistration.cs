using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeCity.ServiceDefaults;

namespace SafeCity.Kernel.Access;

public static class IdentityRegistration
{
    /// <summary>
    /// Every service checks the caller's token on every request; nothing trusts the network. The
    /// token's audience must be this service (<paramref name="serviceName"/>, or Identity:Audience).
    /// </summary>
    public static IHostApplicationBuilder AddPlatformIdentity(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddPlatformTokens(serviceName);
        builder.Services.AddAuthentication(PlatformIdentityHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PlatformIdentityHandler>(PlatformIdentityHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        return builder;
    }
}
