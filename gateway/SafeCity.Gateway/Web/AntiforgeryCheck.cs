using Microsoft.AspNetCore.Antiforgery;

namespace SafeCity.Gateway.Web;

/// <summary>
/// Every state-changing request to the gateway's own pages carries its antiforgery token: forms and
/// the buttons that bind no field alike (revoke, remove, sign out), checked here before the endpoint
/// runs, by the framework's antiforgery service. A refusal changes nothing.
/// </summary>
public static class AntiforgeryCheck
{
    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                return await next(context);
            }

            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            return await antiforgery.IsRequestValidAsync(http)
                ? await next(context)
                : GatewayPages.Page<FormRefusedPage>(status: StatusCodes.Status400BadRequest);
        });
}
