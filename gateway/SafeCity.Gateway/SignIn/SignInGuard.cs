using SafeCity.Storage;

namespace SafeCity.Gateway.SignIn;

public enum AttemptRefusal
{
    None,

    /// <summary>This name has had too many wrong tries from this address.</summary>
    Locked,

    /// <summary>This address has tried too many sign-ins, whatever the names.</summary>
    Throttled,
}

/// <summary>One sign-in attempt, reserved before any password is checked; a refused one says how long until it may be tried again.</summary>
public sealed record SignInAttempt(string Who, string Address, AttemptRefusal Refusal, int Tries, TimeSpan RetryAfter = default)
{
    public bool Allowed => Refusal == AttemptRefusal.None;
}

/// <summary>
/// Guards people's sign-ins and partner systems' client credentials alike. An attempt is counted
/// before its password is checked, in one statement, so that forty wrong passwords sent at once count
/// forty and at most <see cref="SignInLimits.MaxFailures"/> of them are checked. The lock is kept per
/// name and address: someone guessing at <c>admin</c> from their machine locks it for their machine,
/// not for the administrator at theirs. Beside it each address may try only so many sign-ins in a
/// window, whatever the names, so that nobody can try a few passwords on every account. Both are
/// consulted before any password is hashed, so a refused attempt costs the platform two statements, and
/// once an address is throttled, none until its window ends.
/// An IPv6 address counts as its /64 network: one host is given a /64 and may use any address in it.
/// </summary>
public sealed class SignInGuard
{
    public static readonly StoreSchema Schema = new("sign-in-guard",
        SchemaMigration.Sql(1, "failed sign-ins by name and address, and sign-ins by address", """
            CREATE TABLE IF NOT EXISTS sign_in_tries (
                who TEXT NOT NULL,
                address TEXT NOT NULL,
                tries INTEGER NOT NULL,
                locked_until INTEGER,
                PRIMARY KEY (who, address));
            CREATE TABLE IF NOT EXISTS sign_in_addresses (
                address TEXT PRIMARY KEY,
                window_started INTEGER NOT NULL,
                attempts INTEGER NOT NULL);
            """));

    private readonly SqliteFile database;
    private readonly TimeProvider clock;
    private readonly SignInLimits limits;

    public SignInGuard(SqliteFile database, TimeProvider clock, SignInLimits limits)
    {
        this.database = database;
        this.clock = clock;
        this.limits = limits;
        Schema.Apply(database);
    }

    public SignInLimits Limits => limits;

    /// <summary>What an address is counted as: an IPv6 address as its /64 network, an IPv4 one (mapped or not) as itself.</summary>
    public static string Counted(string address)
    {
        if (!System.Net.IPAddress.TryParse(address, out var ip))
        {
            return address;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            return ip.MapToIPv4().ToString();
        }

        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    public SignInAttempt Begin(string who, string address)
    {
        address = Counted(address);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (_throttledUntil.TryGetValue(address, out var throttled))
        {
            if (throttled > now)
            {
                return new SignInAttempt(who, address, AttemptRefusal.Throttled, 0, Until(throttled, now));
            }

            _throttledUntil.TryRemove(address, out _);
        }

        using var connection = database.Open();
        var (attempts, windowStarted) = connection.Query("""
            INSERT INTO sign_in_addresses (address, window_started, attempts) VALUES ($a, $now, 1)
            ON CONFLICT (address) DO UPDATE SET
                attempts = CASE WHEN window_started <= $now - $window THEN 1 ELSE attempts + 1 END,
                window_started = CASE WHEN window_started <= $now - $window THEN $now ELSE window_started END
            RETURNING attempts, window_started
            """, r => (r.GetInt64(0), r.GetInt64(1)), ("$a", address), ("$now", now), ("$window", (long)limits.AddressWindow.TotalMilliseconds)).Single();
        if (attempts > limits.MaxAttemptsPerAddress)
        {
            var windowEnds = windowStarted + (long)limits.AddressWindow.TotalMilliseconds;
            Remember(address, windowEnds, now);
            return new SignInAttempt(who, address, AttemptRefusal.Throttled, 0, Until(windowEnds, now));
        }

        var row = connection.Query("""
            INSERT INTO sign_in_tries (who, address, tries, locked_until) VALUES ($w, $a, 1, NULL)
            ON CONFLICT (who, address) DO UPDATE SET
                tries = CASE WHEN locked_until > $now THEN tries WHEN locked_until IS NOT NULL THEN 1 ELSE tries + 1 END,
                locked_until = CASE WHEN locked_until <= $now THEN NULL ELSE locked_until END
            RETURNING tries, locked_until
            """, r => (Tries: r.GetInt32(0), LockedUntil: r.IsDBNull(1) ? (long?)null : r.GetInt64(1)), ("$w", who), ("$a", address), ("$now", now)).Single();
        if (row.LockedUntil is { } until && until > now)
        {
            return new SignInAttempt(who, address, AttemptRefusal.Locked, row.Tries, Until(until, now));
        }

        if (row.Tries > limits.MaxFailures)
        {
            Lock(connection, who, address, now);
            return new SignInAttempt(who, address, AttemptRefusal.Locked, row.Tries, limits.Lockout);
        }

        return new SignInAttempt(who, address, AttemptRefusal.None, row.Tries);
    }

    /// <summary>The attempt's password was right: the name's count from this address starts again, and the address's attempt is given back.</summary>
    public void Succeeded(SignInAttempt attempt)
    {
        using var connection = database.Open();
        connection.Execute("DELETE FROM sign_in_tries WHERE who = $w AND address = $a", ("$w", attempt.Who), ("$a", attempt.Address));
        connection.Execute("UPDATE sign_in_addresses SET attempts = MAX(attempts - 1, 0) WHERE address = $a", ("$a", attempt.Address));
    }

    /// <summary>The attempt's password was wrong; true when this failure locked the name for this address.</summary>
    public bool Failed(SignInAttempt attempt)
    {
        if (!attempt.Allowed || attempt.Tries < limits.MaxFailures)
        {
            return false;
        }

        using var connection = database.Open();
        return Lock(connection, attempt.Who, attempt.Address, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>Forgets counts no longer in force (locks passed, windows closed), so unknown names tried once do not pile up.</summary>
    public void Prune()
    {
        var now = clock.GetUtcNow();
        using var connection = database.Open();
        var before = now.Subtract(TimeSpan.FromDays(1)).ToUnixTimeMilliseconds();
        connection.Execute("DELETE FROM sign_in_tries WHERE locked_until IS NOT NULL AND locked_until <= $now", ("$now", now.ToUnixTimeMilliseconds()));
        connection.Execute("DELETE FROM sign_in_tries WHERE locked_until IS NULL AND rowid IN (SELECT f.rowid FROM sign_in_tries f JOIN sign_in_addresses a ON a.address = f.address WHERE a.window_started <= $before)", ("$before", before));
        connection.Execute("DELETE FROM sign_in_addresses WHERE window_started <= $before", ("$before", before));
    }

    // An address over its limit is remembered here until its window ends, so that the rest of a flood is
    // refused without a statement: the count no longer matters once the address is throttled. Only this
    // gateway writes the file (one replica), so nothing else can end the window early.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _throttledUntil = new(StringComparer.Ordinal);

    private void Remember(string address, long until, long now)
    {
        if (_throttledUntil.Count >= 100_000)
        {
            foreach (var passed in _throttledUntil.Where(t => t.Value <= now).Select(t => t.Key).ToList())
            {
                _throttledUntil.TryRemove(passed, out _);
            }
        }

        _throttledUntil[address] = until;
    }

    private static TimeSpan Until(long until, long now) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((until - now) / 1000.0)));

    private bool Lock(Microsoft.Data.Sqlite.SqliteConnection connection, string who, string address, long now)
    {
        return connection.Execute("UPDATE sign_in_tries SET locked_until = $until WHERE who = $w AND address = $a AND (locked_until IS NULL OR locked_until <= $now)",
            ("$until", now + (long)limits.Lockout.TotalMilliseconds), ("$w", who), ("$a", address), ("$now", now)) == 1;
    }
}
