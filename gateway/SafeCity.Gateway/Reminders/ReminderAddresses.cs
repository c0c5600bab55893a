using SafeCity.Storage;

namespace SafeCity.Gateway.Reminders;

/// <summary>
/// Each account's address for reminders, and the reminders already sent, in the gateway's own
/// database (the gateway holds people; governance holds their work).
/// </summary>
public sealed class ReminderAddresses
{
    public const int MaxEmailLength = 254;

    public static readonly StoreSchema Schema = new("reminders",
        SchemaMigration.Sql(1, "people's addresses for reminders, and the reminders sent", """
            CREATE TABLE IF NOT EXISTS reminder_addresses (username TEXT PRIMARY KEY, email TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS reminders_sent (reminder TEXT PRIMARY KEY, username TEXT NOT NULL, sent_at TEXT NOT NULL);
            """));

    private readonly SqliteFile _database;

    public ReminderAddresses(SqliteFile database)
    {
        _database = database;
        Schema.Apply(database);
    }

    /// <summary>Null when the address is fine, else why not: a message naming the field and its limit, never the value.</summary>
    public static string? Problem(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null
        : email.Trim().Length > MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _)
            ? $"Give an e-mail address like name@example.org (up to {MaxEmailLength} characters), or none."
            : null;

    /// <summary>Sets an account's address; empty removes it.</summary>
    public void Set(string username, string? email)
    {
        using var connection = _database.Open();
        if (string.IsNullOrWhiteSpace(email))
        {
            connection.Execute("DELETE FROM reminder_addresses WHERE username = $u", ("$u", username));
            return;
        }

        connection.Execute("INSERT INTO reminder_addresses (username, email) VALUES ($u, $e) ON CONFLICT (username) DO UPDATE SET email = excluded.email",
            ("$u", username), ("$e", email.Trim()));
    }

    public string? Of(string username)
    {
        using var connection = _database.Open();
        return connection.Query("SELECT email FROM reminder_addresses WHERE username = $u", r => r.GetString(0), ("$u", username)).FirstOrDefault();
    }

    /// <summary>Keeps a reminder as sent; false when it was sent already (by this or another pass).</summary>
    public bool MarkSent(string reminder, string username, DateTimeOffset at)
    {
        using var connection = _database.Open();
        return connection.Execute("INSERT INTO reminders_sent (reminder, username, sent_at) VALUES ($r, $u, $t) ON CONFLICT (reminder) DO NOTHING",
            ("$r", reminder), ("$u", username), ("$t", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture))) == 1;
    }

    public void Unmark(string reminder)
    {
        using var connection = _database.Open();
        connection.Execute("DELETE FROM reminders_sent WHERE reminder = $r", ("$r", reminder));
    }
}
