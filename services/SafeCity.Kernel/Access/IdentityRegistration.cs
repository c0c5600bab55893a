using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeCity.Contracts.Identity;

namespace SafeCity.Kernel.Access;

public static class IdentityRegistration
{
    /// <summary>Every service checks the gateway's signed identity on every request; nothing trusts the network.</summary>
    public static IHostApplicationBuilder AddPlatformIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<IdentityOptions>(builder.Configuration.GetSection(IdentityOptions.Section));
        builder.Services.AddSingleton(sp => new IdentityTokens(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.SigningKey));
        builder.Services.AddAuthentication(PlatformIdentityHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PlatformIdentityHandler>(PlatformIdentityHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        return builder;
    }
}
