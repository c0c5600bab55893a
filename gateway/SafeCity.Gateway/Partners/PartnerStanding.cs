using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway.Forwarding;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Partners;

/// <summary>
/// A partner's token lives 15 minutes, but the register decides now: each partner call is checked
/// against it as it starts (revoked credentials, narrowed categories), and an open call, such as a
/// watch stream, again every Gateway:PartnerRecheckSeconds, ended as soon as the token no longer stands.
/// </summary>
public static class PartnerStanding
{
    public static IApplicationBuilder UsePartnerStanding(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var tokens = http.RequestServices.GetRequiredService<IdentityKeys>().Current;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        if (await ForwardedIdentity.BearerAsync(http, tokens, clock.GetUtcNow()) is not { Kind: TokenKind.Partner } partner)
        {
            await next(http);
            return;
        }

        var register = http.RequestServices.GetRequiredService<PartnerRegister>();
        var roles = partner.User.Roles;
        var client = roles.FirstOrDefault(r => r.StartsWith(PlatformRoles.Client(""), StringComparison.Ordinal))?[PlatformRoles.Client("").Length..];
        var shares = roles.Where(r => r.StartsWith(PlatformRoles.Shares(""), StringComparison.Ordinal)).Select(r => r[PlatformRoles.Shares("").Length..]).ToList();
        string? Standing() => register.Standing(client, partner.User.Id, shares);

        if (Standing() is { } refusal)
        {
            await RefuseAsync(http, refusal);
            return;
        }

        var every = TimeSpan.FromSeconds(http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.PartnerRecheckSeconds);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var watch = WatchAsync(http, Standing, every, clock, done.Token);
        try
        {
            await next(http);
        }
        finally
        {
            await done.CancelAsync();
            await watch;
        }
    });

    private static async Task WatchAsync(HttpContext http, Func<string?> standing, TimeSpan every, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(every, clock);
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (standing() is not null)
                {
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PartnerStanding))
                        .LogInformation("A partner's open call was ended: its token no longer stands in the register");
                    http.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Task RefuseAsync(HttpContext http, string refusal)
    {
        if (GrpcAnswers.IsGrpc(http.Request))
        {
            GrpcAnswers.Refuse(http.Response, 7, refusal);
            return Task.CompletedTask;
        }

        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return http.Response.WriteAsJsonAsync(new { status = 403, title = "Forbidden", detail = refusal });
    }
}
