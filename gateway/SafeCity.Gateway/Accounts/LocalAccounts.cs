using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace SafeCity.Gateway.Accounts;

/// <summary>A person with a local account: the embedded default where no OpenID Connect provider is configured.</summary>
public sealed record LocalAccount(string Username, string Name, IReadOnlyList<string> Roles, bool MustChangePassword, int FailedAttempts, DateTimeOffset? LockedUntil);

public enum SignInOutcome
{
    SignedIn,
    Refused,
}

/// <summary>
/// Local accounts in the gateway's own SQLite file: passwords hashed (ASP.NET Core Identity's PBKDF2
/// hasher), locked for a while after repeated failures, one-time passwords that must be changed.
/// </summary>
public sealed class LocalAccounts
{
    public const int MinPasswordLength = 12;

    private readonly GatewayDatabase _database;
    private readonly PasswordHasher<LocalAccount> _hasher = new();
    private readonly TimeProvider _clock;

    public LocalAccounts(string file, TimeProvider clock)
        : this(new GatewayDatabase(file), clock)
    {
    }

    public LocalAccounts(GatewayDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        using var connection = Open();
        connection.Execute("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS accounts (
                username TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                roles TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                must_change INTEGER NOT NULL,
                failed INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT);
            """);
    }

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
        var account = new LocalAccount(Normalise(username), name, roles.ToList(), true, 0, null);
        using var connection = Open();
        connection.Execute("INSERT INTO accounts (username, name, roles, password_hash, must_change) VALUES ($u, $n, $r, $h, 1)",
            ("$u", account.Username), ("$n", name), ("$r", string.Join(',', account.Roles)), ("$h", _hasher.HashPassword(account, password)));
        return password;
    }

    public LocalAccount? Find(string username)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT username, name, roles, must_change, failed, locked_until FROM accounts WHERE username = $u";
        command.Parameters.AddWithValue("$u", Normalise(username));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public IReadOnlyList<LocalAccount> All()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT username, name, roles, must_change, failed, locked_until FROM accounts ORDER BY username";
        using var reader = command.ExecuteReader();
        var accounts = new List<LocalAccount>();
        while (reader.Read())
        {
            accounts.Add(Read(reader));
        }

        return accounts;
    }

    /// <summary>
    /// Checks a password. Unknown usernames, wrong passwords and locked accounts all answer the same,
    /// so the sign-in page cannot be used to find out who has an account.
    /// </summary>
    public (SignInOutcome Outcome, LocalAccount? Account) SignIn(string? username, string? password)
    {
        var now = _clock.GetUtcNow();
        var account = string.IsNullOrWhiteSpace(username) ? null : Find(username);
        if (account is null || string.IsNullOrEmpty(password))
        {
            // Hash anyway, so that an unknown name takes as long as a known one.
            _hasher.HashPassword(new LocalAccount("", "", [], false, 0, null), password ?? "");
            return (SignInOutcome.Refused, null);
        }

        if (account.LockedUntil is { } until && until > now)
        {
            return (SignInOutcome.Refused, null);
        }

        using var connection = Open();
        var hash = (string)connection.Scalar("SELECT password_hash FROM accounts WHERE username = $u", ("$u", account.Username))!;
        if (_hasher.VerifyHashedPassword(account, hash, password) == PasswordVerificationResult.Failed)
        {
            var (failed, lockedUntil) = SignInLockout.AfterFailure(account.FailedAttempts, now);
            connection.Execute("UPDATE accounts SET failed = $f, locked_until = $l WHERE username = $u",
                ("$f", failed), ("$l", lockedUntil), ("$u", account.Username));
            return (SignInOutcome.Refused, null);
        }

        connection.Execute("UPDATE accounts SET failed = 0, locked_until = NULL WHERE username = $u", ("$u", account.Username));
        return (SignInOutcome.SignedIn, account with { FailedAttempts = 0, LockedUntil = null });
    }

    public string? ChangePassword(string username, string? current, string? replacement, string? confirmation)
    {
        if (replacement is null || replacement.Length < MinPasswordLength)
        {
            return $"Choose a new password of at least {MinPasswordLength} characters.";
        }

        if (replacement != confirmation)
        {
            return "The new password and its confirmation differ.";
        }

        var (outcome, account) = SignIn(username, current);
        if (outcome != SignInOutcome.SignedIn)
        {
            return "The current password is not right.";
        }

        if (replacement == current)
        {
            return "Choose a password different from the current one.";
        }

        using var connection = Open();
        connection.Execute("UPDATE accounts SET password_hash = $h, must_change = 0 WHERE username = $u",
            ("$h", _hasher.HashPassword(account!, replacement)), ("$u", account!.Username));
        return null;
    }

    public static string Normalise(string username) => username.Trim().ToLowerInvariant();

    private static LocalAccount Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries), r.GetInt64(3) == 1, r.GetInt32(4),
        r.IsDBNull(5) ? null : DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture));

    private SqliteConnection Open() => _database.Open();
}
