using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.Audit;
using SafeCity.Gateway.Sessions;
using SafeCity.Gateway.Web;

namespace SafeCity.Gateway.ManageAccounts;

/// <summary>
/// An administrator keeps the local accounts: adds them, changes their roles, disables and enables
/// them, resets their passwords and ends their sessions. Every change that alters what someone may do
/// ends their sessions at once, and each is in the audit trail.
/// </summary>
public static class ManageAccountsEndpoints
{
    public static RouteGroupBuilder MapManageAccounts(this RouteGroupBuilder account)
    {
        var users = account.MapGroup("/users").RequireAuthorization(GatewayPolicies.Administer);
        users.MapGet("/", (LocalAccounts accounts, IOptions<GatewayOptions> gateway) =>
            GatewayPages.Page<AccountsPage>(new { Accounts = accounts.All(), Roles = RoleChoices.For(gateway.Value) }));
        users.MapPost("/", CreateAsync);
        users.MapGet("/{username}", (string username, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, IOptions<GatewayOptions> gateway) =>
            accounts.Find(username) is { } found ? Show(found, accounts, sessions, audit, gateway.Value) : Results.NotFound());
        users.MapPost("/{username}/roles", SetRolesAsync);
        users.MapPost("/{username}/disable", (string username, HttpContext http, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, IOptions<GatewayOptions> gateway) =>
            Change(username, http, accounts, sessions, audit, gateway.Value, found =>
            {
                if (found.Username == http.User.Identity!.Name)
                {
                    return new FieldError("toggle-disabled", "You cannot disable your own account.");
                }

                if (IsLastAdministrator(found, accounts))
                {
                    return new FieldError("toggle-disabled", "This is the last enabled administrator: give another account the role first.");
                }

                accounts.SetDisabled(found.Username, true);
                var ended = sessions.EndAll(found.Username, "account disabled");
                audit.Record(http, AuditActions.AccountDisabled, found.Username, $"{ended} session(s) ended");
                return null;
            }));
        users.MapPost("/{username}/enable", (string username, HttpContext http, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, IOptions<GatewayOptions> gateway) =>
            Change(username, http, accounts, sessions, audit, gateway.Value, found =>
            {
                accounts.SetDisabled(found.Username, false);
                audit.Record(http, AuditActions.AccountEnabled, found.Username);
                return null;
            }));
        users.MapPost("/{username}/sessions/end", (string username, HttpContext http, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, IOptions<GatewayOptions> gateway) =>
            Change(username, http, accounts, sessions, audit, gateway.Value, found =>
            {
                var ended = sessions.EndAll(found.Username, "ended by an administrator");
                audit.Record(http, AuditActions.SessionsEnded, found.Username, $"{ended} session(s) ended");
                return null;
            }));
        users.MapPost("/{username}/email", async (string username, HttpContext http, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, Reminders.ReminderAddresses addresses, IOptions<GatewayOptions> gateway) =>
        {
            var email = (await http.Request.ReadFormAsync()).Field("email")?.Trim();
            return Change(username, http, accounts, sessions, audit, gateway.Value, found =>
            {
                if (Reminders.ReminderAddresses.Problem(email) is { } problem)
                {
                    return new FieldError("email", problem);
                }

                addresses.Set(found.Username, email);
                audit.Record(http, AuditActions.ReminderAddressChanged, found.Username, string.IsNullOrEmpty(email) ? "removed" : "set");
                return null;
            });
        });
        users.MapPost("/{username}/password", (string username, HttpContext http, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, IOptions<AccountOptions> options) =>
        {
            if (accounts.Find(username) is not { } found)
            {
                return Results.NotFound();
            }

            var password = accounts.ResetPassword(found.Username);
            var ended = sessions.EndAll(found.Username, "password reset");
            audit.Record(http, AuditActions.PasswordReset, found.Username, $"{ended} session(s) ended");
            return GatewayPages.Secret<OneTimePasswordPage>(http, new { found.Username, Password = password, Created = false, Hours = (int)options.Value.OneTimePasswordLifetime.TotalHours });
        });
        return account;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, LocalAccounts accounts, GatewayAudit audit, IOptions<GatewayOptions> gateway, IOptions<AccountOptions> options)
    {
        var form = await http.Request.ReadFormAsync();
        var username = form.Field("username")?.Trim();
        var name = form.Field("name")?.Trim();
        var roles = form["roles"].OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var choices = RoleChoices.For(gateway.Value);
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(username) || username.Length > LocalAccounts.MaxUsernameLength || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            errors.Add(new FieldError("username", $"Give a username of letters, digits and . - _ @ (up to {LocalAccounts.MaxUsernameLength} characters)."));
        }
        else if (accounts.Find(username) is not null)
        {
            errors.Add(new FieldError("username", "That username is taken."));
        }

        if (string.IsNullOrEmpty(name) || name.Length > LocalAccounts.MaxNameLength)
        {
            errors.Add(new FieldError("name", $"Give the person's name (up to {LocalAccounts.MaxNameLength} characters)."));
        }

        if (roles.Count == 0 || !roles.All(r => choices.Any(c => c.Role == r)))
        {
            errors.Add(new FieldError("roles", "Choose at least one role, from the list."));
        }

        if (errors.Count > 0)
        {
            return GatewayPages.Page<AccountsPage>(new
            {
                Accounts = accounts.All(),
                Roles = choices,
                Errors = errors,
                Username = username is { Length: <= LocalAccounts.MaxUsernameLength } ? username : null,
                Name = name is { Length: <= LocalAccounts.MaxNameLength } ? name : null,
                Chosen = roles.Where(r => choices.Any(c => c.Role == r)).ToList(),
            }, StatusCodes.Status400BadRequest);
        }

        var password = accounts.Create(username!, name!, roles);
        audit.Record(http, AuditActions.AccountCreated, LocalAccounts.Normalise(username!), "roles: " + string.Join(", ", roles));
        return GatewayPages.Secret<OneTimePasswordPage>(http, new { Username = LocalAccounts.Normalise(username!), Password = password, Created = true, Hours = (int)options.Value.OneTimePasswordLifetime.TotalHours });
    }

    private static async Task<IResult> SetRolesAsync(string username, HttpContext http, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, IOptions<GatewayOptions> gateway)
    {
        var form = await http.Request.ReadFormAsync();
        var roles = form["roles"].OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var choices = RoleChoices.For(gateway.Value);
        return Change(username, http, accounts, sessions, audit, gateway.Value, found =>
        {
            if (roles.Count == 0 || !roles.All(r => choices.Any(c => c.Role == r)))
            {
                return new FieldError("roles", "Choose at least one role, from the list (to stop someone signing in, disable the account).");
            }

            if (!roles.Contains(PlatformRoles.Administrator) && IsLastAdministrator(found, accounts))
            {
                return new FieldError("roles", "This is the last enabled administrator: give another account the role first.");
            }

            if (roles.Order(StringComparer.Ordinal).SequenceEqual(found.Roles.Order(StringComparer.Ordinal)))
            {
                return null;
            }

            accounts.SetRoles(found.Username, roles);
            var ended = sessions.EndAll(found.Username, "roles changed");
            audit.Record(http, AuditActions.RolesChanged, found.Username, $"from {string.Join(", ", found.Roles)} to {string.Join(", ", roles)}; {ended} session(s) ended");
            return null;
        });
    }

    /// <summary>Applies a change to an account and shows it again; a refusal shows it with the reason, changing nothing.</summary>
    private static IResult Change(string username, HttpContext http, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, GatewayOptions gateway, Func<LocalAccount, FieldError?> change)
    {
        if (accounts.Find(username) is not { } found)
        {
            return Results.NotFound();
        }

        if (change(found) is { } refusal)
        {
            return Show(found, accounts, sessions, audit, gateway, [refusal], StatusCodes.Status400BadRequest);
        }

        // Post, redirect, get: a reload does not send the change again. Signed out by it (one's own roles), the sign-in page follows.
        return Results.Redirect($"/account/users/{Uri.EscapeDataString(found.Username)}");
    }

    private static IResult Show(LocalAccount account, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, GatewayOptions gateway, IReadOnlyList<FieldError>? errors = null, int status = StatusCodes.Status200OK) =>
        GatewayPages.Page<AccountPage>(new
        {
            Account = accounts.Find(account.Username) ?? account,
            Roles = RoleChoices.For(gateway),
            Sessions = sessions.Live(account.Username),
            Recent = audit.Recent(20, account.Username),
            Errors = errors,
        }, status);

    private static bool IsLastAdministrator(LocalAccount account, LocalAccounts accounts) =>
        !account.Disabled && account.Roles.Contains(PlatformRoles.Administrator, StringComparer.Ordinal) && accounts.EnabledAdministrators() <= 1;
}
