using System.Globalization;
using System.Security.Cryptography;
using SafeCity.Storage;

namespace SafeCity.Gateway.Sessions;

/// <summary>A signed-in browser's session, as the gateway keeps it: whose, since when, from where, and whether it has ended.</summary>
public sealed record GatewaySession(string Id, string Username, DateTimeOffset StartedAt, DateTimeOffset LastSeen, string Address);

/// <summary>
/// Sessions kept on the server. The sign-in cookie (the framework's, sealed by Data Protection) names
/// its session; every request checks that the session is still live here. So signing out, a changed
/// password, a disabled account or a changed role ends every session of that person at once, a saved
/// cookie included, and an administrator can end them too.
/// </summary>
public sealed class GatewaySessions
{
    /// <summary>The claim in the cookie that names its session.</summary>
    public const string Claim = "safecity:session";

    // How often a live session's last-seen time is written: often enough for the idle limit, not on every request.
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public static readonly StoreSchema Schema = new("sessions",
        SchemaMigration.Sql(1, "people's sessions", """
            CREATE TABLE IF NOT EXISTS sessions (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                last_seen INTEGER NOT NULL,
                address TEXT NOT NULL,
                ended_at INTEGER,
                ended_why TEXT);
            CREATE INDEX IF NOT EXISTS sessions_by_username ON sessions (username, ended_at);
            """));

    private readonly SqliteFile _database;
    private readonly TimeProvider _clock;

    public GatewaySessions(SqliteFile database, TimeProvider clock, TimeSpan idle)
    {
        _database = database;
        _clock = clock;
        Idle = idle;
        Schema.Apply(database);
    }

    /// <summary>How long a session lives without a request (Identity:SessionMinutes).</summary>
    public TimeSpan Idle { get; }

    public string Start(string username, string address)
    {
        // An identifier, not a credential: the cookie that carries it is sealed by the framework.
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var connection = _database.Open();
        connection.Execute("INSERT INTO sessions (id, username, started_at, last_seen, address) VALUES ($id, $u, $now, $now, $a)",
            ("$id", id), ("$u", username), ("$now", now), ("$a", address));
        return id;
    }

    /// <summary>Whether the session is live (not ended, seen within the idle time), noting that it was seen now.</summary>
    public bool Touch(string? id, string username)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return false;
        }

        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var connection = _database.Open();
        var lastSeen = connection.Scalar("SELECT last_seen FROM sessions WHERE id = $id AND username = $u AND ended_at IS NULL", ("$id", id), ("$u", username));
        if (lastSeen is not long seen)
        {
            return false;
        }

        if (now - seen > (long)Idle.TotalMilliseconds)
        {
            connection.Execute("UPDATE sessions SET ended_at = $now, ended_why = 'idle' WHERE id = $id AND ended_at IS NULL", ("$now", now), ("$id", id));
            return false;
        }

        if (now - seen > (long)TouchEvery.TotalMilliseconds)
        {
            connection.Execute("UPDATE sessions SET last_seen = $now WHERE id = $id", ("$now", now), ("$id", id));
        }

        return true;
    }

    public void End(string id, string why)
    {
        using var connection = _database.Open();
        connection.Execute("UPDATE sessions SET ended_at = $now, ended_why = $why WHERE id = $id AND ended_at IS NULL",
            ("$now", _clock.GetUtcNow().ToUnixTimeMilliseconds()), ("$why", why), ("$id", id));
    }

    /// <summary>Ends every live session of the person; how many there were.</summary>
    public int EndAll(string username, string why)
    {
        using var connection = _database.Open();
        return connection.Execute("UPDATE sessions SET ended_at = $now, ended_why = $why WHERE username = $u AND ended_at IS NULL",
            ("$now", _clock.GetUtcNow().ToUnixTimeMilliseconds()), ("$why", why), ("$u", username));
    }

    public IReadOnlyList<GatewaySession> Live(string username)
    {
        var since = _clock.GetUtcNow().Subtract(Idle).ToUnixTimeMilliseconds();
        using var connection = _database.Open();
        return connection.Query("SELECT id, username, started_at, last_seen, address FROM sessions WHERE username = $u AND ended_at IS NULL AND last_seen > $since ORDER BY started_at",
            r => new GatewaySession(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetString(4)),
            ("$u", username), ("$since", since));
    }

    /// <summary>Forgets sessions ended (or idle) more than a day ago.</summary>
    public void Prune()
    {
        var before = _clock.GetUtcNow().Subtract(TimeSpan.FromDays(1)).ToUnixTimeMilliseconds();
        using var connection = _database.Open();
        connection.Execute("DELETE FROM sessions WHERE (ended_at IS NOT NULL AND ended_at < $before) OR last_seen < $before", ("$before", before));
    }

    public static string Describe(DateTimeOffset at) => at.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
