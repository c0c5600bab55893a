using SafeCity.Storage;

namespace SafeCity.Gateway.Audit;

/// <summary>One thing that happened at the gateway: when, who, what, to whom or what, and from where.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string Address, string Detail);

/// <summary>What the gateway's audit trail records, in the words the page shows.</summary>
public static class AuditActions
{
    public const string SignedIn = "signed in";
    public const string SignInRefused = "sign-in refused";
    public const string LockedOut = "locked out";
    public const string Throttled = "address throttled";
    public const string SignedOut = "signed out";
    public const string PasswordChanged = "password changed";
    public const string AccountCreated = "account created";
    public const string RolesChanged = "roles changed";
    public const string AccountDisabled = "account disabled";
    public const string AccountEnabled = "account enabled";
    public const string PasswordReset = "password reset";
    public const string ReminderAddressChanged = "reminder address changed";
    public const string DemonstrationFilled = "demonstration data started";
    public const string SessionsEnded = "sessions ended";
    public const string PartnerTokenIssued = "partner token issued";
    public const string PartnerTokenRefused = "partner token refused";
    public const string ClientIssued = "client credentials issued";
    public const string ClientRevoked = "client credentials revoked";
    public const string OfficerAdded = "designated officer added";
    public const string OfficerRemoved = "designated officer removed";
    public const string CategoriesSet = "categories set";
}

/// <summary>
/// The gateway's audit trail, in its own file beside the accounts: sign-ins and their refusals,
/// lockouts, accounts created and changed, partner tokens and credentials issued and revoked. What it
/// never holds: a password, a secret or a token.
/// </summary>
public sealed class GatewayAudit
{
    private const int MaxText = 300;
    public static readonly StoreSchema Schema = new("gateway-audit",
        SchemaMigration.Sql(1, "who did what at the gateway", """
            CREATE TABLE IF NOT EXISTS gateway_audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                address TEXT NOT NULL,
                detail TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS gateway_audit_by_actor ON gateway_audit (actor, id);
            """));

    private readonly SqliteFile _database;
    private readonly TimeProvider _clock;

    public GatewayAudit(SqliteFile database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        Schema.Apply(database);
    }

    public void Record(string actor, string action, string subject, string address, string detail = "")
    {
        using var connection = _database.Open();
        connection.Execute("INSERT INTO gateway_audit (at, actor, action, subject, address, detail) VALUES ($at, $actor, $action, $subject, $address, $detail)",
            ("$at", _clock.GetUtcNow().ToUnixTimeMilliseconds()), ("$actor", Clip(actor)), ("$action", action), ("$subject", Clip(subject)), ("$address", Clip(address)), ("$detail", Clip(detail)));
    }

    /// <summary>
    /// A refusal (a wrong password, a throttled address, a refused partner token) is written once a minute
    /// for each kind and address, the first of them: a flood of guesses would otherwise be a flood of writes.
    /// </summary>
    public void RecordRefusal(string actor, string action, string subject, string address, string detail = "")
    {
        // Within a minute of the last one written, not within the same minute of the clock: a flood across
        // a minute's turn writes one entry, not two.
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var key = (action, SignIn.SignInGuard.Counted(address));
        lock (_refusalsWritten)
        {
            if (_refusalsWritten.TryGetValue(key, out var written) && now - written < 60)
            {
                return;
            }

            if (_refusalsWritten.Count >= 10_000)
            {
                _refusalsWritten.Clear();
            }

            _refusalsWritten[key] = now;
        }

        Record(actor, action, subject, address, detail);
    }

    private readonly Dictionary<(string Action, string Address), long> _refusalsWritten = [];

    /// <summary>The newest entries first, at most <paramref name="limit"/>, for one actor or subject and one action where given.</summary>
    public IReadOnlyList<AuditEntry> Recent(int limit, string? who = null, string? action = null)
    {
        using var connection = _database.Open();
        return connection.Query("""
            SELECT id, at, actor, action, subject, address, detail FROM gateway_audit
            WHERE ($who IS NULL OR actor = $who OR subject = $who) AND ($action IS NULL OR action = $action)
            ORDER BY id DESC LIMIT $limit
            """, r => new AuditEntry(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)),
            ("$who", string.IsNullOrWhiteSpace(who) ? null : who.Trim()), ("$action", string.IsNullOrWhiteSpace(action) ? null : action), ("$limit", limit));
    }

    // Names and labels come from callers (a username typed at sign-in): kept, but never without bound.
    private static string Clip(string text) => text.Length <= MaxText ? text : text[..MaxText] + "…";
}

public static class AuditHttp
{
    /// <summary>Where a request came from: the connection's address (the client's, where forwarded headers are trusted).</summary>
    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : "unknown";

    /// <summary>Records what the signed-in caller did, from their address.</summary>
    public static void Record(this GatewayAudit audit, HttpContext http, string action, string subject, string detail = "") =>
        audit.Record(http.User.Identity?.Name ?? "anonymous", action, subject, AddressOf(http), detail);
}
