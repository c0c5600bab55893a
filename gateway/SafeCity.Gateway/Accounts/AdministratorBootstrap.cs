using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Accounts;

/// <summary>
/// At the first start, with no accounts, creates the administrator "admin" with a one-time password.
/// The password goes to a file in the data folder that only the platform's owner may read
/// (<see cref="FirstSignIn.FileName"/>), never to the log; it is removed once the password is changed.
/// </summary>
public sealed class AdministratorBootstrap(LocalAccounts accounts, IConfiguration configuration, ILogger<AdministratorBootstrap> logger) : IHostedService
{
    public const string Username = "admin";

    public static string File(IConfiguration configuration) =>
        Path.Combine(configuration["SAFECITY_DATA_DIR"] is { Length: > 0 } dir ? dir : ".safecity", FirstSignIn.FileName);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!accounts.Any())
        {
            var password = accounts.Create(Username, "Administrator", [SafeCity.Contracts.Identity.PlatformRoles.Administrator]);
            await OwnerOnly.WriteAllTextAsync(File(configuration), password, cancellationToken);
            logger.LogWarning("Created the administrator account '{Username}'. Its one-time password is in {File}, readable by the platform's owner alone: sign in at /account/sign-in and change it.",
                Username, File(configuration));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
