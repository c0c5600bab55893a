using SafeCity.Gateway;
using SafeCity.Gateway.Partners;

namespace SafeCity.Kernel.Tests.Access;

public sealed class PartnerRegisterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly MovableClock _clock = new(new DateTimeOffset(2008, 10, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly PartnerRegister _register;

    public PartnerRegisterTests() => _register = new PartnerRegister(new GatewayDatabase(Path.Combine(_dir.Path, "gateway.db")), _clock);

    [Fact]
    public void The_register_starts_with_the_fifteen_signatories_of_Appendix_B()
    {
        var all = _register.All();

        Assert.Equal(15, all.Count);
        Assert.Contains(all, s => s.Name == "Southampton & New Forest Magistrates Courts");
        Assert.Equal(["Fire incident"], _register.Find("hampshire-fire-and-rescue")!.Categories);
    }

    [Fact]
    public void Issued_credentials_name_their_organisation_until_revoked_and_the_secret_is_not_stored()
    {
        var (clientId, secret) = _register.IssueClient("hampshire-fire-and-rescue", "IRS", "admin");

        Assert.Equal("hampshire-fire-and-rescue", _register.Verify(clientId, secret)!.Id);
        Assert.Null(_register.Verify(clientId, secret + "x"));
        Assert.Null(_register.Verify("sc-unknown", secret));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(secret, string.Concat(Directory.GetFiles(_dir.Path).Select(f => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f)))));

        _register.RevokeClient(clientId);
        Assert.Null(_register.Verify(clientId, secret));
    }

    [Fact]
    public void Five_wrong_secrets_in_a_row_lock_the_client_for_fifteen_minutes_even_against_the_right_one()
    {
        var (clientId, secret) = _register.IssueClient("hampshire-constabulary", "RMS", "admin");
        for (var i = 0; i < SafeCity.Gateway.SignInLockout.MaxFailedAttempts; i++)
        {
            Assert.Null(_register.Verify(clientId, "guess " + i));
        }

        Assert.Null(_register.Verify(clientId, secret));
        _clock.Now = _clock.Now.Add(SafeCity.Gateway.SignInLockout.Duration).AddSeconds(1);
        Assert.NotNull(_register.Verify(clientId, secret));

        // A success clears the count: four more wrong guesses do not lock it.
        for (var i = 0; i < SafeCity.Gateway.SignInLockout.MaxFailedAttempts - 1; i++)
        {
            Assert.Null(_register.Verify(clientId, "guess " + i));
        }

        Assert.NotNull(_register.Verify(clientId, secret));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
