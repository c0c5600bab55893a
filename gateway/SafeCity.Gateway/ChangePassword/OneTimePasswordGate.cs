using System.Security.Claims;

namespace SafeCity.Gateway.ChangePassword;

/// <summary>
/// Someone signed in with a one-time password may change it and sign out, and nothing else: every
/// other page sends them to the change-password page, every other call is refused, and nothing is
/// forwarded to a service in their name (their cookie carries no role either).
/// </summary>
public static class OneTimePasswordGate
{
    public const string Claim = "safecity:one-time-password";

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(Claim, "true");

    public static IApplicationBuilder UseOneTimePasswordGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.User.MustChangePassword() || Open(http.Request.Path))
        {
            await next(http);
            return;
        }

        if (HttpMethods.IsGet(http.Request.Method) && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            http.Response.Redirect("/account/password");
            return;
        }

        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.Response.WriteAsJsonAsync(new { status = 403, title = "Choose your own password first", detail = "A one-time password opens only /account/password: change it there, then sign in goes on as usual." });
    });

    // The page itself, signing out, and the styles those pages use.
    private static bool Open(PathString path) =>
        path == "/account/password" || path == "/account/sign-out" || path.StartsWithSegments("/_content") || path == "/alive" || path == "/health";
}
