using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeCity.Gateway.Accounts;
using SafeCity.ServiceDefaults;

namespace SafeCity.Gateway.Reminders;

/// <summary>A piece of someone's work as governance lists it (GET /api/governance/work-due).</summary>
public sealed record DueWork(string Owner, DueItem Item);

/// <param name="State">Overdue or DueSoon.</param>
public sealed record DueItem(string Kind, string Id, string Description, string Where, DateOnly? Due, string State, string Link);

/// <summary>
/// Writes to the owners of work due soon and overdue, when an SMTP server is configured. Each
/// reminder (an item, its due date, before or after) goes once: changing the due date is a new one.
/// An owner is an account by its name, or (for a remedial action the PMG named in words) by the
/// account's display name.
/// </summary>
public sealed class WorkReminders(
    Func<CancellationToken, Task<IReadOnlyList<DueWork>>> dueWork,
    LocalAccounts accounts,
    ReminderAddresses addresses,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<WorkReminders> log) : BackgroundService
{
    public const string ClientName = "reminders";

    /// <summary>Asks governance, as the gateway's service, what is due.</summary>
    public static Func<CancellationToken, Task<IReadOnlyList<DueWork>>> FromGovernance(IHttpClientFactory clients, ServiceCalls calls) => async ct =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://governance/api/governance/work-due");
        calls.Sign(request, "governance");
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<DueWork>>(ct) ?? [];
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        log.LogInformation("Reminders go through {Host}:{Port} every {Interval}", options.Value.SmtpHost, options.Value.SmtpPort, options.Value.Interval);
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                var sent = await SendDueAsync(stoppingToken);
                if (sent > 0)
                {
                    log.LogInformation("{Count} reminder(s) sent", sent);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is HttpRequestException or OperationCanceledException or IOException or SmtpCommandException or SmtpProtocolException or System.Net.Sockets.SocketException)
            {
                // Governance or the mail server is down: the next pass tries again, and nothing sent is sent twice.
                log.LogWarning("Reminders were not sent this time: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: every reminder due now and not sent yet, sent. Returns how many went.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        if (options.Value.SmtpHost is not { Length: > 0 } host)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var work = await dueWork(ct);
        var people = accounts.All().Where(a => !a.Disabled).ToList();
        var messages = new List<(string Key, string Username, MimeMessage Message)>();
        foreach (var (owner, item) in work)
        {
            if (item.Due is not { } due)
            {
                continue;
            }

            var person = people.FirstOrDefault(a => a.Username.Equals(owner.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? people.FirstOrDefault(a => a.Name.Equals(owner.Trim(), StringComparison.OrdinalIgnoreCase));
            if (person is null || addresses.Of(person.Username) is not { } email)
            {
                continue;
            }

            var when = item.State == "Overdue" ? "after" : due.DayNumber - today.DayNumber <= options.Value.DaysBefore ? "before" : null;
            if (when is null)
            {
                continue;
            }

            var key = $"{item.Kind}:{item.Id}:{due:yyyy-MM-dd}:{when}";
            messages.Add((key, person.Username, Compose(person.Name, email, item, due, when)));
        }

        if (messages.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        using var smtp = new SmtpClient();
        // Encrypted unless an administrator turned it off by name: a server that offers no TLS is refused.
        var security = !options.Value.Encrypted ? SecureSocketOptions.None
            : options.Value.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await smtp.ConnectAsync(host, options.Value.SmtpPort, security, ct);
        if (options.Value.SmtpUser is { Length: > 0 } user)
        {
            await smtp.AuthenticateAsync(user, options.Value.SmtpPassword ?? "", ct);
        }

        foreach (var (key, username, message) in messages)
        {
            // Marked first, so that two gateways never both send it; unmarked again if the server refuses it.
            if (!addresses.MarkSent(key, username, clock.GetUtcNow()))
            {
                continue;
            }

            try
            {
                await smtp.SendAsync(message, ct);
                sent++;
            }
            catch
            {
                addresses.Unmark(key);
                throw;
            }
        }

        await smtp.DisconnectAsync(quit: true, ct);
        return sent;
    }

    private MimeMessage Compose(string name, string email, DueItem item, DateOnly due, string when)
    {
        var day = due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var what = item.Kind == "action" ? $"Action {item.Id}" : $"Remedial action {item.Id}";
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(new MailboxAddress(name, email));
        message.Subject = when == "after" ? $"Overdue since {day}: {what}" : $"Due on {day}: {what}";
        message.Body = new TextPart("plain")
        {
            Text = $"""
                {name},

                {what} ({item.Where}) {(when == "after" ? $"was due on {day} and is not done" : $"is due on {day}")}:

                {item.Description}

                Update it at {options.Value.PlatformUrl.TrimEnd('/')}{item.Link}
                Your work: {options.Value.PlatformUrl.TrimEnd('/')}/my-work

                SafeCity sends this because you own it. An administrator can change the address it goes to.
                """,
        };
        return message;
    }
}
