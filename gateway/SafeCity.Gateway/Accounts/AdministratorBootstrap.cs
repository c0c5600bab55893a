using SafeCity.Contracts.Identity;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Accounts;

/// <summary>
/// At the first start, with no accounts, creates the administrator "admin" with a one-time password.
/// The password goes to a file in the data folder that only the platform's owner may read
/// (<see cref="FirstSignIn.FileName"/>), never to the log; it is removed once the password is changed.
/// Where that password expired unused, a start writes a new one, so the owner of the machine is never
/// locked out of their own platform.
/// </summary>
public sealed class AdministratorBootstrap(LocalAccounts accounts, IConfiguration configuration, TimeProvider clock, ILogger<AdministratorBootstrap> logger) : IHostedService
{
    public const string Username = "admin";

    public static string File(IConfiguration configuration) =>
        Path.Combine(configuration["SAFECITY_DATA_DIR"] is { Length: > 0 } dir ? dir : ".safecity", FirstSignIn.FileName);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string password;
        if (!accounts.Any())
        {
            password = accounts.Create(Username, "Administrator", [PlatformRoles.Administrator]);
        }
        else if (accounts.Find(Username) is { MustChangePassword: true, OneTimePasswordExpires: { } expires } && expires <= clock.GetUtcNow())
        {
            password = accounts.ResetPassword(Username);
        }
        else
        {
            return;
        }

        await OwnerOnly.WriteAllTextAsync(File(configuration), password, cancellationToken);
        logger.LogWarning("The administrator account '{Username}' has a one-time password in {File}, readable by the platform's owner alone: sign in at /account/sign-in and change it.",
            Username, File(configuration));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
