using SafeCity.Gateway.Partners;
using SafeCity.Gateway.SignIn;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Gateway.Tests;

public sealed class PartnerRegisterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly MovableClock _clock = new(new DateTimeOffset(2008, 10, 1, 9, 0, 0, TimeSpan.Zero));
    private const string Here = "192.0.2.1";
    private readonly SignInLimits _limits = new();
    private readonly PartnerRegister _register;

    public PartnerRegisterTests()
    {
        var database = new SqliteFile(Path.Combine(_dir.Path, "gateway.db"));
        _register = new PartnerRegister(database, _clock, new SignInGuard(database, _clock, _limits));
    }

    [Fact]
    public void The_register_starts_with_the_fifteen_signatories_of_Appendix_B()
    {
        var all = _register.All();

        Assert.Equal(15, all.Count);
        Assert.Contains(all, s => s.Name == "Southampton & New Forest Magistrates Courts");
        Assert.Equal(["Dwelling fire without a smoke alarm", "Fire incident", "Violence against fire service staff"], _register.Find("hampshire-fire-and-rescue")!.Categories);
    }

    [Fact]
    public void Issued_credentials_name_their_organisation_until_revoked_and_the_secret_is_not_stored()
    {
        var (clientId, secret) = _register.IssueClient("hampshire-fire-and-rescue", "IRS", "admin");

        Assert.Equal("hampshire-fire-and-rescue", _register.Verify(clientId, secret, Here)!.Id);
        Assert.Null(_register.Verify(clientId, secret + "x", Here));
        Assert.Null(_register.Verify("sc-unknown", secret, Here));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(secret, string.Concat(Directory.GetFiles(_dir.Path).Select(f => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f)))));

        Assert.False(_register.RevokeClient("southampton-city-council", clientId));
        Assert.NotNull(_register.Verify(clientId, secret, Here));
        Assert.True(_register.RevokeClient("hampshire-fire-and-rescue", clientId));
        Assert.Null(_register.Verify(clientId, secret, Here));
    }

    [Fact]
    public void Five_wrong_secrets_in_a_row_lock_the_client_from_that_address_for_fifteen_minutes_even_against_the_right_one()
    {
        var (clientId, secret) = _register.IssueClient("hampshire-constabulary", "RMS", "admin");
        for (var i = 0; i < _limits.MaxFailures; i++)
        {
            Assert.Null(_register.Verify(clientId, "guess " + i, Here));
        }

        Assert.Null(_register.Verify(clientId, secret, Here));
        Assert.NotNull(_register.Verify(clientId, secret, "198.51.100.7"));
        _clock.Now = _clock.Now.Add(_limits.Lockout).AddSeconds(1);
        Assert.NotNull(_register.Verify(clientId, secret, Here));

        // A success clears the count: four more wrong guesses do not lock it.
        for (var i = 0; i < _limits.MaxFailures - 1; i++)
        {
            Assert.Null(_register.Verify(clientId, "guess " + i, Here));
        }

        Assert.NotNull(_register.Verify(clientId, secret, Here));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
