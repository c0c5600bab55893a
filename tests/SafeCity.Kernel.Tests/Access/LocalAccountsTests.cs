using SafeCity.Gateway.Accounts;

namespace SafeCity.Kernel.Tests.Access;

public sealed class LocalAccountsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly MovableClock _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly LocalAccounts _accounts;

    public LocalAccountsTests() => _accounts = new LocalAccounts(Path.Combine(_dir.Path, "gateway.db"), _clock);

    [Fact]
    public void A_new_account_signs_in_with_its_one_time_password_and_must_change_it()
    {
        var password = _accounts.Create("Jo.Bloggs", "Jo Bloggs", ["officer:alcohol"]);

        var (outcome, account) = _accounts.SignIn("jo.bloggs", password);

        Assert.Equal(SignInOutcome.SignedIn, outcome);
        Assert.True(account!.MustChangePassword);
        Assert.Equal(["officer:alcohol"], account.Roles);
        Assert.Null(_accounts.ChangePassword("jo.bloggs", password, "a much longer secret", "a much longer secret"));
        Assert.False(_accounts.Find("jo.bloggs")!.MustChangePassword);
        Assert.Equal(SignInOutcome.Refused, _accounts.SignIn("jo.bloggs", password).Outcome);
        Assert.Equal(SignInOutcome.SignedIn, _accounts.SignIn("jo.bloggs", "a much longer secret").Outcome);
    }

    [Fact]
    public void Repeated_failures_lock_the_account_for_a_while_even_against_the_right_password()
    {
        var password = _accounts.Create("jo", "Jo", ["analyst"]);
        for (var i = 0; i < SafeCity.Gateway.SignInLockout.MaxFailedAttempts; i++)
        {
            Assert.Equal(SignInOutcome.Refused, _accounts.SignIn("jo", "wrong").Outcome);
        }

        Assert.Equal(SignInOutcome.Refused, _accounts.SignIn("jo", password).Outcome);
        _clock.Advance(SafeCity.Gateway.SignInLockout.Duration + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.SignedIn, _accounts.SignIn("jo", password).Outcome);
    }

    [Fact]
    public void Passwords_are_stored_hashed_and_weak_replacements_are_refused()
    {
        var password = _accounts.Create("jo", "Jo", ["analyst"]);

        var file = File.ReadAllText(Path.Combine(_dir.Path, "gateway.db"));
        Assert.DoesNotContain(password, file);
        Assert.Contains("12 characters", _accounts.ChangePassword("jo", password, "short", "short"));
        Assert.Contains("differ", _accounts.ChangePassword("jo", password, "a much longer secret", "another long secret"));
        Assert.Contains("not right", _accounts.ChangePassword("jo", "wrong", "a much longer secret", "a much longer secret"));
    }

    [Fact]
    public void An_unknown_name_is_refused_exactly_as_a_wrong_password_is()
    {
        _accounts.Create("jo", "Jo", ["analyst"]);

        Assert.Equal((SignInOutcome.Refused, (LocalAccount?)null), _accounts.SignIn("nobody", "whatever"));
        Assert.Equal((SignInOutcome.Refused, (LocalAccount?)null), _accounts.SignIn("jo", "whatever"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
