namespace SafeCity.Gateway.Accounts;

/// <summary>
/// At the first start, with no accounts, creates the administrator "admin" with a one-time password,
/// written to the log once: whoever started the platform signs in with it and must change it.
/// </summary>
public sealed class AdministratorBootstrap(LocalAccounts accounts, ILogger<AdministratorBootstrap> logger) : IHostedService
{
    public const string Username = "admin";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!accounts.Any())
        {
            var password = accounts.Create(Username, "Administrator", [SafeCity.Contracts.Identity.PlatformRoles.Administrator]);
            logger.LogWarning("Created the administrator account '{Username}' with the one-time password {Password} — sign in at /account/sign-in and change it.", Username, password);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
