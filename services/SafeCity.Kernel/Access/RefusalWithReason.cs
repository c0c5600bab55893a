using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace SafeCity.Kernel.Access;

/// <summary>
/// A caller a named policy refuses gets 403 with problem JSON saying who may (the reason its
/// requirement gave), as the API's other refusals do, or a gRPC caller PERMISSION_DENIED with it;
/// everything else is the framework's own handling.
/// </summary>
public sealed class RefusalWithReason : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault() is { } reason)
        {
            if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
            {
                // A gRPC caller is answered in gRPC's terms: PERMISSION_DENIED (7) with the reason, in a
                // trailers-only response, as the service's own refusals are.
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = "7";
                context.Response.Headers["grpc-message"] = Uri.EscapeDataString(reason.Message);
                return;
            }

            await Results.Problem(reason.Message, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
