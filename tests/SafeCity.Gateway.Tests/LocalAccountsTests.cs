using Microsoft.AspNetCore.Identity;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.SignIn;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Gateway.Tests;

public sealed class LocalAccountsTests : IDisposable
{
    private const string Here = "192.0.2.1";
    private const string There = "198.51.100.7";
    private readonly TempDirectory _dir = new();
    private readonly MovableClock _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingHasher _hasher = new();
    private readonly SignInLimits _limits = new();
    private readonly LocalAccounts _accounts;

    public LocalAccountsTests()
    {
        var database = new SqliteFile(Path.Combine(_dir.Path, "gateway.db"));
        _accounts = new LocalAccounts(database, _clock, new SignInGuard(database, _clock, _limits), new AccountOptions(), _hasher);
    }

    [Fact]
    public void A_new_account_signs_in_with_its_one_time_password_and_must_change_it()
    {
        var password = _accounts.Create("Jo.Bloggs", "Jo Bloggs", ["officer:alcohol"]);

        var result = _accounts.SignIn("jo.bloggs", password, Here);

        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
        Assert.True(result.Account!.MustChangePassword);
        Assert.Equal(["officer:alcohol"], result.Account.Roles);
        Assert.Null(_accounts.ChangePassword("jo.bloggs", password, "a much longer secret", "a much longer secret", Here));
        Assert.False(_accounts.Find("jo.bloggs")!.MustChangePassword);
        Assert.Equal(SignInOutcome.Refused, _accounts.SignIn("jo.bloggs", password, Here).Outcome);
        Assert.Equal(SignInOutcome.SignedIn, _accounts.SignIn("jo.bloggs", "a much longer secret", Here).Outcome);
    }

    [Fact]
    public void A_one_time_password_expires_after_a_day_and_a_reset_gives_a_new_one()
    {
        var password = _accounts.Create("jo", "Jo", ["analyst"]);
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        Assert.Equal(SignInOutcome.Expired, _accounts.SignIn("jo", password, Here).Outcome);
        Assert.Equal(("current", "Your one-time password has expired: ask an administrator to reset it."), _accounts.ChangePassword("jo", password, "a much longer secret", "a much longer secret", Here));

        var reset = _accounts.ResetPassword("jo");
        Assert.Equal(SignInOutcome.Refused, _accounts.SignIn("jo", password, Here).Outcome);
        var result = _accounts.SignIn("jo", reset, Here);
        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
        Assert.True(result.Account!.MustChangePassword);
    }

    [Fact]
    public void Repeated_failures_lock_the_name_for_that_address_only_and_for_a_while()
    {
        var password = _accounts.Create("jo", "Jo", ["analyst"]);
        ChangeFrom(password, "a much longer secret");
        var failures = Enumerable.Range(0, _limits.MaxFailures).Select(_ => _accounts.SignIn("jo", "wrong", Here)).ToList();

        Assert.All(failures, f => Assert.Equal(SignInOutcome.Refused, f.Outcome));
        // The fifth wrong password locks the name there and then (the audit trail says "locked out" at once).
        Assert.Equal([false, false, false, false, true], failures.Select(f => f.LockedNow));
        Assert.Equal(SignInOutcome.Refused, _accounts.SignIn("jo", "a much longer secret", Here).Outcome);
        // Whoever guessed from Here cannot keep Jo out from elsewhere.
        Assert.Equal(SignInOutcome.SignedIn, _accounts.SignIn("jo", "a much longer secret", There).Outcome);
        _clock.Advance(_limits.Lockout + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.SignedIn, _accounts.SignIn("jo", "a much longer secret", Here).Outcome);
    }

    [Fact]
    public async Task Forty_wrong_passwords_at_once_hash_at_most_five_and_lock_the_name()
    {
        var password = _accounts.Create("jo", "Jo", ["analyst"]);
        ChangeFrom(password, "a much longer secret");
        _hasher.Reset();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => _accounts.SignIn("jo", "guess " + i, Here))));

        Assert.All(results, r => Assert.Equal(SignInOutcome.Refused, r.Outcome));
        // The lock is consulted before any hash: the guesses past the fifth cost no hash at all.
        Assert.True(_hasher.Checks <= _limits.MaxFailures, $"{_hasher.Checks} of 40 guesses were hashed");
        Assert.Equal(SignInOutcome.Refused, _accounts.SignIn("jo", "a much longer secret", Here).Outcome);
    }

    [Fact]
    public void Unknown_wrong_and_disabled_each_check_one_hash_a_locked_name_none_and_all_answer_alike()
    {
        var password = _accounts.Create("jo", "Jo", ["analyst"]);
        ChangeFrom(password, "a much longer secret");
        _accounts.Create("sam", "Sam", ["analyst"]);
        _accounts.SetDisabled("sam", true);
        for (var i = 0; i < _limits.MaxFailures; i++)
        {
            _accounts.SignIn("jo", "wrong", There);
        }

        foreach (var (name, given, address, hashes) in new[] { ("nobody", "whatever", Here, 1), ("jo", "whatever", Here, 1), ("jo", "a much longer secret", There, 0), ("sam", "whatever", Here, 1) })
        {
            _hasher.Reset();
            var result = _accounts.SignIn(name, given, address);
            Assert.Equal((SignInOutcome.Refused, (LocalAccount?)null), (result.Outcome, result.Account));
            Assert.Equal(hashes, _hasher.Checks);
        }
    }

    [Fact]
    public void An_address_trying_too_many_names_waits_whatever_the_name_while_others_go_on()
    {
        var limits = new SignInLimits { MaxAttemptsPerAddress = 3 };
        var database = new SqliteFile(Path.Combine(_dir.Path, "throttled.db"));
        var accounts = new LocalAccounts(database, _clock, new SignInGuard(database, _clock, limits));
        var password = accounts.Create("jo", "Jo", ["analyst"]);
        foreach (var name in new[] { "admin", "root", "jo" })
        {
            Assert.Equal(SignInOutcome.Refused, accounts.SignIn(name, "password1", Here).Outcome);
        }

        var throttled = accounts.SignIn("jo", password, Here);
        Assert.Equal(SignInOutcome.Throttled, throttled.Outcome);
        Assert.InRange(throttled.RetryAfter, TimeSpan.FromSeconds(1), limits.AddressWindow);
        Assert.Equal(SignInOutcome.SignedIn, accounts.SignIn("jo", password, There).Outcome);
        _clock.Advance(limits.AddressWindow + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.SignedIn, accounts.SignIn("jo", password, Here).Outcome);
    }

    [Fact]
    public void A_throttled_address_costs_no_hash_and_an_ipv6_host_is_one_address_across_its_64_network()
    {
        var limits = new SignInLimits { MaxAttemptsPerAddress = 3 };
        var database = new SqliteFile(Path.Combine(_dir.Path, "ipv6.db"));
        var hasher = new CountingHasher();
        var accounts = new LocalAccounts(database, _clock, new SignInGuard(database, _clock, limits), new AccountOptions(), hasher);
        var password = accounts.Create("jo", "Jo", ["analyst"]);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(SignInOutcome.Refused, accounts.SignIn("name" + i, "password1", $"2001:db8:1:2::{i:x}").Outcome);
        }

        hasher.Reset();
        var fromTheSameNetwork = Enumerable.Range(0, 20).Select(i => accounts.SignIn("jo", password, $"2001:db8:1:2:{i:x}:ffff:0:1").Outcome).ToList();

        Assert.All(fromTheSameNetwork, o => Assert.Equal(SignInOutcome.Throttled, o));
        Assert.Equal(0, hasher.Checks);
        Assert.Equal(SignInOutcome.SignedIn, accounts.SignIn("jo", password, "2001:db8:1:3::1").Outcome);
        Assert.Equal("192.0.2.7", SignInGuard.Counted("::ffff:192.0.2.7"));
    }

    [Fact]
    public void A_disabled_account_is_refused_its_right_password_until_enabled()
    {
        var password = _accounts.Create("jo", "Jo", ["analyst"]);
        _accounts.SetDisabled("jo", true);

        Assert.Equal(SignInOutcome.Refused, _accounts.SignIn("jo", password, Here).Outcome);
        _accounts.SetDisabled("jo", false);
        Assert.Equal(SignInOutcome.SignedIn, _accounts.SignIn("jo", password, Here).Outcome);
    }

    [Fact]
    public void Passwords_are_stored_hashed_and_weak_replacements_are_refused()
    {
        var password = _accounts.Create("jo", "Jo", ["analyst"]);

        // New rows sit in the write-ahead log until a checkpoint: the database and its log are read together.
        var stored = string.Concat(new[] { "gateway.db", "gateway.db-wal" }.Select(f => Path.Combine(_dir.Path, f)).Where(File.Exists)
            .Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir.Path, "gateway.db")};Pooling=False"))
        {
            connection.Open();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT password_hash FROM accounts WHERE username = 'jo'";
            var hash = (string)read.ExecuteScalar()!;
            // The hash is what was written, in the files read: so the password's absence from them means something.
            Assert.Contains(hash, stored, StringComparison.Ordinal);
            Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<LocalAccount>().VerifyHashedPassword(_accounts.Find("jo")!, hash, password));
        }

        Assert.DoesNotContain(password, stored, StringComparison.Ordinal);
        Assert.Equal("replacement", _accounts.ChangePassword("jo", password, "short", "short", Here)!.Value.Field);
        Assert.Contains("12 to 1,024 characters", _accounts.ChangePassword("jo", password, "short", "short", Here)!.Value.Message);
        Assert.Equal("confirmation", _accounts.ChangePassword("jo", password, "a much longer secret", "another long secret", Here)!.Value.Field);
        Assert.Equal(("current", "The current password is not right."), _accounts.ChangePassword("jo", "wrong", "a much longer secret", "a much longer secret", Here));
    }

    private void ChangeFrom(string oneTime, string replacement) =>
        Assert.Null(_accounts.ChangePassword("jo", oneTime, replacement, replacement, There));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    /// <summary>ASP.NET Core Identity's hasher, counting its checks and which were against an account's own hash.</summary>
    private sealed class CountingHasher : IPasswordHasher<LocalAccount>
    {
        private readonly PasswordHasher<LocalAccount> _inner = new();
        private int _checks;
        private int _againstAccounts;

        public int Checks => _checks;

        public int ChecksAgainstAccounts => _againstAccounts;

        public void Reset()
        {
            _checks = 0;
            _againstAccounts = 0;
        }

        public string HashPassword(LocalAccount user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(LocalAccount user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _checks);
            if (user.Username.Length > 0)
            {
                Interlocked.Increment(ref _againstAccounts);
            }

            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
