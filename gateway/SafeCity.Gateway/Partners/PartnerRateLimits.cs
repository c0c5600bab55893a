using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SafeCity.Contracts.Identity;

namespace SafeCity.Gateway.Partners;

/// <summary>
/// A fast partner system cannot crowd out the others: each organisation's calls pass through its own
/// token bucket. People's browsers and the platform's own tools are not limited here.
/// </summary>
public static class PartnerRateLimits
{
    public static IServiceCollection AddPartnerRateLimits(this IServiceCollection services, IdentityTokens tokens, int callsPerSecond) =>
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                Organisation(http, tokens) is { } organisation
                    ? RateLimitPartition.GetTokenBucketLimiter(organisation, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = callsPerSecond,
                        TokensPerPeriod = callsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = (context, _) =>
            {
                var http = context.HttpContext;
                var message = $"Too many calls from your organisation: at most {callsPerSecond} a second. Wait a moment and send again (resending is safe: a record already held is a duplicate).";
                if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
                {
                    // gRPC clients read the status from the trailers-only response, not the HTTP code.
                    http.Response.StatusCode = StatusCodes.Status200OK;
                    http.Response.ContentType = "application/grpc";
                    http.Response.Headers["grpc-status"] = "8";
                    http.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
                }
                else
                {
                    http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    http.Response.Headers.RetryAfter = "1";
                }

                return ValueTask.CompletedTask;
            };
        });

    private static string? Organisation(HttpContext http, IdentityTokens tokens)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || tokens.Validate(header[7..].Trim(), DateTimeOffset.UtcNow) is not { } user)
        {
            return null;
        }

        return user.Roles.Contains(PlatformRoles.PartnerSystem) ? user.Id : null;
    }
}
