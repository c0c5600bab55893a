using System.Threading.RateLimiting;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway.Forwarding;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Partners;

/// <summary>
/// A fast partner system cannot crowd out the others: each organisation's calls pass through its own
/// token bucket. People's browsers and the platform's own tools are not limited here.
/// </summary>
public static class PartnerRateLimits
{
    public static IServiceCollection AddPartnerRateLimits(this IServiceCollection services, int callsPerSecond) =>
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                Organisation(http) is { } organisation
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
                if (GrpcAnswers.IsGrpc(http.Request))
                {
                    GrpcAnswers.Refuse(http.Response, 8, message);
                }
                else
                {
                    http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    http.Response.Headers.RetryAfter = "1";
                }

                return ValueTask.CompletedTask;
            };
        });

    // Partners present their tokens only as bearer tokens (the internal header is never believed from
    // outside), so every partner call is counted. The check completes at once: it only computes.
    private static string? Organisation(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IdentityKeys>().Current;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return ForwardedIdentity.BearerAsync(http, tokens, now).GetAwaiter().GetResult() is { Kind: TokenKind.Partner } partner ? partner.User.Id : null;
    }
}
