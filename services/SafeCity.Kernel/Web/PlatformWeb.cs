using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Web.Theme;

namespace SafeCity.Kernel.Web;

/// <summary>Server-rendered pages (Blazor static rendering with plain forms), the GOV.UK styles, OpenAPI.</summary>
public static class PlatformWeb
{
    public static WebApplicationBuilder AddPlatformWeb(this WebApplicationBuilder builder)
    {
        // The kernel's CSS and scripts are static web assets of this library; serve them from the
        // build output in every environment, not only in Development.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StoreFaultHandler>();
        builder.AddPlatformLimits();
        return builder;
    }

    public static WebApplication UsePlatformWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Sent only over HTTPS: where TLS ends at a load balancer in front of the gateway.
            app.UseHsts();
        }

        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.RequireSignedInCallers();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRequestTimeouts();
        app.MapOpenApi();
        return app;
    }

    public static IEndpointRouteBuilder MapThemePages(this WebApplication app, ThemeDefinition theme)
    {
        var pages = app.MapRazorComponents<ThemeApp>();
        if (theme.Assembly != typeof(ThemeApp).Assembly)
        {
            pages.AddAdditionalAssemblies(theme.Assembly);
        }

        return app;
    }
}
