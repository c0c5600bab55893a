using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SafeCity.Kernel.Access;

/// <summary>
/// Calls made on a schedule by the service's Dapr sidecar (its cron bindings) to /jobs/*. The sidecar
/// signs in no one: it carries Dapr's app API token in the dapr-api-token header, the token Dapr gives
/// the service as APP_API_TOKEN (from the Secret named by the dapr.io/app-token-secret annotation).
/// Where no token is configured (running here, under Aspire) no call is a scheduled one.
/// </summary>
public static class ScheduledCalls
{
    public const string PathPrefix = "/jobs";
    public const string TokenHeader = "dapr-api-token";
    public const string TokenKey = "APP_API_TOKEN";

    public static bool IsScheduledCall(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(PathPrefix))
        {
            return false;
        }

        var expected = context.RequestServices.GetRequiredService<IConfiguration>()[TokenKey];
        var given = context.Request.Headers[TokenHeader].ToString();
        return !string.IsNullOrEmpty(expected) && given.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }
}
