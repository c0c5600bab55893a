using SafeCity.Gateway.Sessions;
using SafeCity.Gateway.SignIn;

namespace SafeCity.Gateway;

/// <summary>Hourly, forgets ended sessions and sign-in counts no longer in force.</summary>
public sealed class Housekeeping(GatewaySessions sessions, SignInGuard guard) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            sessions.Prune();
            guard.Prune();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
