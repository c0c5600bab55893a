using System.ComponentModel.DataAnnotations;

namespace SafeCity.Gateway.Reminders;

/// <summary>
/// E-mail reminders of work due and overdue. Off unless an SMTP server is named
/// (Reminders:SmtpHost); then every Interval the gateway asks governance what is due and writes to
/// each owner whose account has an address, once before the due date and once after it.
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>The SMTP server; empty: no reminders are sent.</summary>
    public string? SmtpHost { get; init; }

    [Range(1, 65535, ErrorMessage = "Reminders:SmtpPort must be a port from 1 to 65535.")]
    public int SmtpPort { get; init; } = 25;

    [Required(ErrorMessage = "Reminders:From must be the address reminders come from.")]
    [EmailAddress(ErrorMessage = "Reminders:From must be an e-mail address like safecity@example.org.")]
    public string From { get; init; } = "safecity@localhost.localdomain";

    /// <summary>How many days before its due date the first reminder goes.</summary>
    [Range(0, 28, ErrorMessage = "Reminders:DaysBefore must be from 0 to 28 days (governance lists work due within 28 days).")]
    public int DaysBefore { get; init; } = 7;

    /// <summary>How often governance is asked what is due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Reminders:Interval must be from one second to one day, like 01:00:00.")]
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Where people open the platform, for the link in each message (e.g. https://safecity.example.org).</summary>
    public string PlatformUrl { get; init; } = "http://localhost:8080";

    public bool Enabled => !string.IsNullOrWhiteSpace(SmtpHost);
}
