using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.Reminders;
using SafeCity.Gateway.SignIn;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Gateway.Tests;

/// <summary>
/// Reminders of work due, sent to a real SMTP server: Debian's aiosmtpd, which prints every message
/// it receives. Before a due date, after it, once each, and only to owners whose accounts have an address.
/// </summary>
public sealed class WorkRemindersTests : IAsyncLifetime
{
    private const string DebianPython = "/usr/bin/python3";
    private readonly TempDirectory _dir = new();
    private readonly MovableClock _clock = new(new DateTimeOffset(2008, 10, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly StringBuilder _received = new();
    private Process? _smtp;
    private int _port;

    public async Task InitializeAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(DebianPython) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{_port}" })
        {
            start.ArgumentList.Add(argument);
        }

        _smtp = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start: apt-get install python3-aiosmtpd (./safecity test installs it).");
        _smtp.OutputDataReceived += (_, e) => { lock (_received) { _received.AppendLine(e.Data); } };
        _smtp.BeginOutputReadLine();
        _smtp.BeginErrorReadLine();
        // Ready when it takes a connection.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (attempt < 100 && !_smtp.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_smtp is { HasExited: false })
        {
            _smtp.Kill();
            _smtp.WaitForExit(5000);
        }

        _smtp?.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private (WorkReminders Reminders, ReminderAddresses Addresses, LocalAccounts Accounts) Build(IReadOnlyList<DueWork> work, string? host = "127.0.0.1", string encryption = "Off")
    {
        var database = new SqliteFile(Path.Combine(_dir.Path, "gateway.db"));
        var accounts = new LocalAccounts(database, _clock, new SignInGuard(database, _clock, new SignInLimits()));
        var addresses = new ReminderAddresses(database);
        var options = Options.Create(new ReminderOptions { SmtpHost = host, SmtpPort = _port, From = "safecity@example.org", DaysBefore = 7, PlatformUrl = "https://safecity.example.org", Encryption = encryption });
        return (new WorkReminders(_ => Task.FromResult(work), accounts, addresses, options, _clock, NullLogger<WorkReminders>.Instance), addresses, accounts);
    }

    private async Task<string> ReceivedAsync(string expected)
    {
        for (var i = 0; i < 50; i++)
        {
            lock (_received)
            {
                if (_received.ToString().Contains(expected, StringComparison.Ordinal))
                {
                    return _received.ToString();
                }
            }

            await Task.Delay(100);
        }

        lock (_received)
        {
            return _received.ToString();
        }
    }

    [Fact]
    public async Task Owners_with_an_address_are_reminded_before_and_after_a_due_date_once_each()
    {
        var work = new List<DueWork>
        {
            new("sam", new DueItem("action", "P1.A3", "Agree hot spots with the police", "alcohol, plan 1", new DateOnly(2008, 10, 5), "DueSoon", "/alcohol/actions/P1.A3")),
            // The PMG wrote the owner's name, not the account: the account is found by its display name.
            new("Jo Bloggs", new DueItem("remedial action", "R2", "Review deliberate fires with the fire service", "PMG, priority 5: NI 33", new DateOnly(2008, 9, 20), "Overdue", "/pmg/remedial-actions/R2")),
            // Due in three weeks: too early for a reminder a week before.
            new("sam", new DueItem("action", "P1.A4", "Test purchasing", "alcohol, plan 1", new DateOnly(2008, 10, 22), "DueSoon", "/alcohol/actions/P1.A4")),
            // An owner with no address gets nothing.
            new("kim", new DueItem("action", "P2.A1", "Treatment places", "alcohol, plan 2", new DateOnly(2008, 9, 1), "Overdue", "/alcohol/actions/P2.A1")),
        };
        var (reminders, addresses, accounts) = Build(work);
        accounts.Create("sam", "Sam Patel", ["officer:alcohol"]);
        accounts.Create("jo.bloggs", "Jo Bloggs", ["pmg"]);
        accounts.Create("kim", "Kim Lee", ["officer:alcohol"]);
        addresses.Set("sam", "sam@example.org");
        addresses.Set("jo.bloggs", "jo@example.org");

        Assert.Equal(2, await reminders.SendDueAsync(CancellationToken.None));

        var received = await ReceivedAsync("Overdue since 20 September 2008");
        Assert.Contains("Subject: Due on 5 October 2008: Action P1.A3", received, StringComparison.Ordinal);
        Assert.Contains("sam@example.org", received, StringComparison.Ordinal);
        Assert.Contains("Subject: Overdue since 20 September 2008: Remedial action R2", received, StringComparison.Ordinal);
        Assert.Contains("jo@example.org", received, StringComparison.Ordinal);
        Assert.Contains("https://safecity.example.org/pmg/remedial-actions/R2", received, StringComparison.Ordinal);
        Assert.DoesNotContain("P1.A4", received, StringComparison.Ordinal);
        Assert.DoesNotContain("P2.A1", received, StringComparison.Ordinal);

        // The next pass sends nothing again; once the due date passes, the action's second reminder goes.
        Assert.Equal(0, await reminders.SendDueAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromDays(5));
        var after = new List<DueWork> { work[0] with { Item = work[0].Item with { State = "Overdue" } } };
        var (later, _, _) = Build(after);
        Assert.Equal(1, await later.SendDueAsync(CancellationToken.None));
        Assert.Contains("Subject: Overdue since 5 October 2008: Action P1.A3", await ReceivedAsync("Overdue since 5 October 2008"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_mail_server_nothing_is_sent_or_marked()
    {
        var work = new List<DueWork> { new("sam", new DueItem("action", "P1.A3", "Agree hot spots", "alcohol, plan 1", new DateOnly(2008, 10, 5), "DueSoon", "/alcohol/actions/P1.A3")) };
        var (reminders, addresses, accounts) = Build(work, host: null);
        accounts.Create("sam", "Sam Patel", ["officer:alcohol"]);
        addresses.Set("sam", "sam@example.org");

        Assert.Equal(0, await reminders.SendDueAsync(CancellationToken.None));
        Assert.True(addresses.MarkSent("action:P1.A3:2008-10-05:before", "sam", _clock.GetUtcNow()), "A reminder was marked sent with no mail server.");
    }

    [Fact]
    public async Task A_mail_server_that_offers_no_encryption_is_sent_nothing_unless_encryption_is_turned_off_by_name()
    {
        var work = new List<DueWork> { new("sam", new DueItem("action", "P1.A4", "Agree hot spots", "alcohol, plan 1", new DateOnly(2008, 10, 5), "DueSoon", "/alcohol/actions/P1.A4")) };
        var (reminders, addresses, accounts) = Build(work, encryption: "Required");
        accounts.Create("sam", "Sam Patel", ["officer:alcohol"]);
        addresses.Set("sam", "sam@example.org");

        // aiosmtpd here offers no STARTTLS: MailKit refuses to go on in clear.
        await Assert.ThrowsAsync<NotSupportedException>(() => reminders.SendDueAsync(CancellationToken.None));

        Assert.DoesNotContain("P1.A4", await ReceivedAsync("P1.A4"), StringComparison.Ordinal);
        Assert.True(addresses.MarkSent("action:P1.A4:2008-10-05:before", "sam", _clock.GetUtcNow()), "A reminder was marked sent over a connection that was never encrypted.");
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var clearPassword = new ReminderOptions { SmtpHost = "mail", SmtpUser = "safecity", SmtpPassword = "secret", Encryption = "Off" };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(clearPassword, new(clearPassword), problems, validateAllProperties: true));
        Assert.Equal("Reminders:SmtpUser needs Reminders:Encryption Required: a password is never sent in clear.", Assert.Single(problems).ErrorMessage);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("a@b")]
    public void A_bad_address_is_refused_naming_the_limit_and_never_echoed(string email)
    {
        var problem = ReminderAddresses.Problem(email + new string('x', email == "a@b" ? 300 : 0));
        Assert.NotNull(problem);
        Assert.Contains("254 characters", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(email, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateway_reads_governances_list_of_work_due_as_governance_writes_it()
    {
        var written = new SafeCity.Governance.MyWork.OwnedWork("Jo Bloggs", new SafeCity.Governance.MyWork.WorkItem(
            "remedial action", "R2", "Review fires", "PMG, priority 5: NI 33", new DateOnly(2008, 9, 20), SafeCity.Governance.MyWork.WorkState.Overdue, "Open", "/pmg/remedial-actions/R2"));
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { written }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

        var read = System.Text.Json.JsonSerializer.Deserialize<DueWork[]>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.Single();

        Assert.Equal(new DueWork("Jo Bloggs", new DueItem("remedial action", "R2", "Review fires", "PMG, priority 5: NI 33", new DateOnly(2008, 9, 20), "Overdue", "/pmg/remedial-actions/R2")), read);
    }
}
