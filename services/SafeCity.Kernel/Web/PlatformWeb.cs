using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
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
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                // Refusals the framework writes itself, given the words it leaves out.
                StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with Content-Type: application/json.",
                StatusCodes.Status405MethodNotAllowed => $"{Apis.SentValue.Shown(context.HttpContext.Request.Method)} is not a method this address takes.",
                StatusCodes.Status404NotFound => $"There is nothing at {Apis.SentValue.Shown(context.HttpContext.Request.Path.Value)}.",
                _ => null,
            });
        // Numbers are numbers: "12" in quotes is refused as the wrong type, not read as 12.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        builder.Services.AddExceptionHandler<StoreFaultHandler>();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        // Unreadable requests are thrown to BadRequestHandler, which says what was wrong with them.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
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
