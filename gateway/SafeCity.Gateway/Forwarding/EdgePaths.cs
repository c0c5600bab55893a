using System.Text.RegularExpressions;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Forwarding;

/// <summary>
/// Paths no caller from outside may name, refused before anything is forwarded: a service's scheduled
/// jobs (its own sidecar's to call), its event path and metrics (the platform's watchers' to read), the Dapr sidecar's own API (/v1.0/secrets, /v1.0/shutdown,
/// /v1.0/invoke, and its gRPC service dapr.proto.*), and paths that still hold an encoded slash or a
/// backslash or a dot segment, which a server behind could read as a way out of the prefix the gateway
/// put in front.
/// A caller's own dapr-* headers are dropped: only the gateway says which service a call is for.
/// </summary>
public static partial class EdgePaths
{
    public static bool IsRefused(PathString path)
    {
        var value = path.Value ?? "";
        return path.StartsWithSegments("/jobs", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(EventPathReport.Path, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.MetricsPath, StringComparison.OrdinalIgnoreCase)
            || SidecarApi().IsMatch(value)
            || value.Contains('\\', StringComparison.Ordinal)
            || value.Split('/').Any(segment => segment is "." or "..")
            || value.Contains("%2F", StringComparison.OrdinalIgnoreCase)
            || value.Contains("%5C", StringComparison.OrdinalIgnoreCase);
    }

    public static IApplicationBuilder UseEdgePaths(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsRefused(context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        foreach (var header in context.Request.Headers.Keys.Where(k => k.StartsWith("dapr-", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            context.Request.Headers.Remove(header);
        }

        await next(context);
    });

    // /v1.0/…, /v1.0-alpha1/…, /v1.0-beta1/… (the sidecar's HTTP API, any case) and /dapr.proto.… (its gRPC API).
    [GeneratedRegex(@"^/(v1(\.0)?(-[a-z0-9]+)?(/|$)|dapr\.)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SidecarApi();
}
