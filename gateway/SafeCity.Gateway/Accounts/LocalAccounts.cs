using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway.SignIn;
using SafeCity.Storage;

namespace SafeCity.Gateway.Accounts;

/// <summary>A person with a local account: the embedded default where no OpenID Connect provider is configured.</summary>
public sealed record LocalAccount(string Username, string Name, IReadOnlyList<string> Roles, bool MustChangePassword, bool Disabled, DateTimeOffset? OneTimePasswordExpires);

/// <summary>What a sign-in came to. Only <see cref="SignedIn"/>, <see cref="Throttled"/> and <see cref="Expired"/> are told apart to the person signing in.</summary>
public enum SignInOutcome
{
    SignedIn,

    /// <summary>Unknown name, wrong password, disabled account, or locked for this address: one answer for all.</summary>
    Refused,

    /// <summary>Too many sign-ins from this address: it waits, whatever the name.</summary>
    Throttled,

    /// <summary>The right one-time password, after its time: an administrator resets it.</summary>
    Expired,
}

/// <summary>A sign-in's outcome, with why (for the audit trail only) and whether it locked the name for this address.</summary>
public sealed record SignInResult(SignInOutcome Outcome, LocalAccount? Account, string Why, bool LockedNow, TimeSpan RetryAfter = default);

/// <summary>
/// Local accounts in the gateway's own SQLite file: passwords hashed (ASP.NET Core Identity's PBKDF2
/// hasher), one-time passwords that expire and open only the change-password page, accounts an
/// administrator can disable, re-role and reset. Every sign-in does the same work whatever its outcome
/// (one hash checked: the account's, or a stand-in's), so the time it takes tells nothing.
/// </summary>
public sealed class LocalAccounts
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 1024;
    public const int MaxUsernameLength = 100;
    public const int MaxNameLength = 200;

    private static readonly LocalAccount Nobody = new("", "", [], false, false, null);
    private readonly SqliteFile _database;
    private readonly IPasswordHasher<LocalAccount> _hasher;
    private readonly TimeProvider _clock;
    private readonly SignInGuard _guard;
    private readonly AccountOptions _options;
    private readonly string _standIn;

    public LocalAccounts(SqliteFile database, TimeProvider clock, SignInGuard guard, AccountOptions? options = null, IPasswordHasher<LocalAccount>? hasher = null)
    {
        _database = database;
        _clock = clock;
        _guard = guard;
        _options = options ?? new AccountOptions();
        _hasher = hasher ?? new PasswordHasher<LocalAccount>();
        // A hash of nothing anyone knows, checked where there is no account to check: the same cost.
        _standIn = _hasher.HashPassword(Nobody, OneTimePassword());
        Schema.Apply(database);
    }

    // A gateway.db of 26 November 2026 also holds accounts.failed and accounts.locked_until, read by
    // nothing since the sign-in guard counts failures by name and address (sign_in_tries).
    public static readonly StoreSchema Schema = new("accounts",
        SchemaMigration.Sql(1, "local accounts", """
            CREATE TABLE IF NOT EXISTS accounts (
                username TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                roles TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                must_change INTEGER NOT NULL);
            """),
        SchemaMigration.AddColumns(2, "accounts", "disabled INTEGER NOT NULL DEFAULT 0", "one_time_expires INTEGER"));

    public static string OneTimePassword() =>
        string.Concat(RandomNumberGenerator.GetItems<char>("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16));

    public bool Any()
    {
        using var connection = Open();
        return connection.Scalar("SELECT COUNT(*) FROM accounts") is long n && n > 0;
    }

    /// <summary>Creates an account with a one-time password, returned once, to be changed at first sign-in.</summary>
    public string Create(string username, string name, IEnumerable<string> roles)
    {
        var password = OneTimePassword();
        var account = new LocalAccount(Normalise(username), name, roles.ToList(), true, false, null);
        using var connection = Open();
        connection.Execute("INSERT INTO accounts (username, name, roles, password_hash, must_change, one_time_expires) VALUES ($u, $n, $r, $h, 1, $e)",
            ("$u", account.Username), ("$n", name), ("$r", string.Join(',', account.Roles)), ("$h", _hasher.HashPassword(account, password)), ("$e", OneTimeExpiry()));
        return password;
    }

    public LocalAccount? Find(string username)
    {
        using var connection = Open();
        return connection.Query("SELECT username, name, roles, must_change, disabled, one_time_expires FROM accounts WHERE username = $u", Read, ("$u", Normalise(username))).FirstOrDefault();
    }

    public IReadOnlyList<LocalAccount> All()
    {
        using var connection = Open();
        return connection.Query("SELECT username, name, roles, must_change, disabled, one_time_expires FROM accounts ORDER BY username", Read);
    }

    /// <summary>
    /// Checks a password from an address. The attempt is counted before the password is (see
    /// <see cref="SignInGuard"/>); an unknown name, a wrong password and a disabled account answer
    /// <see cref="SignInOutcome.Refused"/> after the same work (one hash). A name locked for this address
    /// answers the same words with no hash at all: the lock is per address, so it tells the one
    /// locked out nothing they did not do themselves.
    /// </summary>
    public SignInResult SignIn(string? username, string? password, string address)
    {
        var name = Normalise(username ?? "");
        var attempt = _guard.Begin("person:" + (name.Length > MaxUsernameLength ? name[..MaxUsernameLength] : name), address);
        // The throttle and the lock are consulted before any hash: a flood costs the platform two statements an attempt.
        if (attempt.Refusal == AttemptRefusal.Throttled)
        {
            return new SignInResult(SignInOutcome.Throttled, null, "too many sign-ins from this address", false, attempt.RetryAfter);
        }

        if (attempt.Refusal == AttemptRefusal.Locked)
        {
            return new SignInResult(SignInOutcome.Refused, null, "locked for this address", false, attempt.RetryAfter);
        }

        var (account, hash) = name.Length is > 0 and <= MaxUsernameLength ? FindWithHash(name) : (null, null);
        var given = password is { Length: > 0 and <= MaxPasswordLength } ? password : null;
        // One hash is checked for every attempt let through: the account's, or a stand-in's for an unknown name.
        var checkAccount = account is not null && given is not null;
        var matched = _hasher.VerifyHashedPassword(checkAccount ? account! : Nobody, checkAccount ? hash! : _standIn, given ?? "") != PasswordVerificationResult.Failed;
        var right = checkAccount && matched;

        if (!right || account!.Disabled)
        {
            var lockedNow = _guard.Failed(attempt);
            var why = account is null ? "unknown name" : account.Disabled ? "account disabled" : "wrong password";
            return new SignInResult(SignInOutcome.Refused, null, why, lockedNow);
        }

        _guard.Succeeded(attempt);
        if (account.MustChangePassword && account.OneTimePasswordExpires is { } expires && expires <= _clock.GetUtcNow())
        {
            return new SignInResult(SignInOutcome.Expired, null, "one-time password expired", false);
        }

        return new SignInResult(SignInOutcome.SignedIn, account, "", false);
    }

    /// <summary>Changes a password, checking the current one as a sign-in would; which field was wrong and why, or null.</summary>
    public (string Field, string Message)? ChangePassword(string username, string? current, string? replacement, string? confirmation, string address)
    {
        if (replacement is null || replacement.Length < MinPasswordLength || replacement.Length > MaxPasswordLength)
        {
            return ("replacement", $"Choose a new password of {MinPasswordLength} to {MaxPasswordLength:N0} characters.");
        }

        if (replacement != confirmation)
        {
            return ("confirmation", "The new password and its confirmation differ.");
        }

        var result = SignIn(username, current, address);
        switch (result.Outcome)
        {
            case SignInOutcome.Throttled:
                return ("current", "Too many tries from your address: wait a few minutes.");
            case SignInOutcome.Expired:
                return ("current", "Your one-time password has expired: ask an administrator to reset it.");
            case SignInOutcome.Refused:
                return ("current", "The current password is not right.");
        }

        if (replacement == current)
        {
            return ("replacement", "Choose a password different from the current one.");
        }

        using var connection = Open();
        connection.Execute("UPDATE accounts SET password_hash = $h, must_change = 0, one_time_expires = NULL WHERE username = $u",
            ("$h", _hasher.HashPassword(result.Account!, replacement)), ("$u", result.Account!.Username));
        return null;
    }

    /// <summary>A new one-time password for the account, returned once; the old password no longer works.</summary>
    public string ResetPassword(string username)
    {
        var account = Find(username) ?? throw new KeyNotFoundException(username);
        var password = OneTimePassword();
        using var connection = Open();
        connection.Execute("UPDATE accounts SET password_hash = $h, must_change = 1, one_time_expires = $e WHERE username = $u",
            ("$h", _hasher.HashPassword(account, password)), ("$e", OneTimeExpiry()), ("$u", account.Username));
        return password;
    }

    public void SetRoles(string username, IEnumerable<string> roles)
    {
        using var connection = Open();
        connection.Execute("UPDATE accounts SET roles = $r WHERE username = $u", ("$r", string.Join(',', roles.Distinct(StringComparer.Ordinal))), ("$u", Normalise(username)));
    }

    public void SetDisabled(string username, bool disabled)
    {
        using var connection = Open();
        connection.Execute("UPDATE accounts SET disabled = $d WHERE username = $u", ("$d", disabled ? 1 : 0), ("$u", Normalise(username)));
    }

    /// <summary>Enabled accounts holding the administrator role: the last of them may not be disabled or lose it.</summary>
    public int EnabledAdministrators() =>
        All().Count(a => !a.Disabled && a.Roles.Contains(PlatformRoles.Administrator, StringComparer.Ordinal));

    public static string Normalise(string username) => username.Trim().ToLowerInvariant();

    private long OneTimeExpiry() => _clock.GetUtcNow().Add(_options.OneTimePasswordLifetime).ToUnixTimeMilliseconds();

    private (LocalAccount?, string?) FindWithHash(string username)
    {
        using var connection = Open();
        return connection.Query("SELECT username, name, roles, must_change, disabled, one_time_expires, password_hash FROM accounts WHERE username = $u",
            r => ((LocalAccount?)Read(r), (string?)r.GetString(6)), ("$u", username)).FirstOrDefault();
    }

    private static LocalAccount Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries), r.GetInt64(3) == 1, r.GetInt64(4) == 1,
        r.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)));

    private SqliteConnection Open() => _database.Open();
}
