using System.ComponentModel.DataAnnotations;

namespace SafeCity.Gateway.Reminders;

/// <summary>
/// E-mail reminders of work due and overdue. Off unless an SMTP server is named
/// (Reminders:SmtpHost); then every Interval the gateway asks governance what is due and writes to
/// each owner whose account has an address, once before the due date and once after it.
/// </summary>
public sealed class ReminderOptions : IValidatableObject
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

    /// <summary>
    /// "Required" (the default): the connection is encrypted (TLS from the start on port 465, STARTTLS
    /// otherwise) or nothing is sent. "Off": plain text, for a mail relay on the same machine; an
    /// administrator turns it off by name.
    /// </summary>
    [RegularExpression("^(Required|Off)$", ErrorMessage = "Reminders:Encryption must be Required or Off.")]
    public string Encryption { get; init; } = "Required";

    /// <summary>The account to sign in to the SMTP server with, if it asks for one; its password is Reminders:SmtpPassword.</summary>
    [StringLength(256, ErrorMessage = "Reminders:SmtpUser must be at most {1} characters.")]
    public string? SmtpUser { get; init; }

    [StringLength(1024, ErrorMessage = "Reminders:SmtpPassword must be at most {1} characters.")]
    public string? SmtpPassword { get; init; }

    public bool Enabled => !string.IsNullOrWhiteSpace(SmtpHost);

    public bool Encrypted => Encryption != "Off";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(SmtpUser) && !Encrypted)
        {
            yield return new ValidationResult("Reminders:SmtpUser needs Reminders:Encryption Required: a password is never sent in clear.", [nameof(SmtpUser)]);
        }
    }
}
