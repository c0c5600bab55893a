using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using SafeCity.Kernel.Tests.Services;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Deployment;

/// <summary>Replicas of a service (here two instances on one store) seal and open with the same keys, kept in the store.</summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public void What_one_replica_seals_another_opens_and_a_restart_still_opens()
    {
        using var data = new TempDirectory();
        string sealedText;
        using (var first = new AlcoholServiceFactory())
        {
            first.Settings["SAFECITY_DATA_DIR"] = data.Path;
            sealedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("form").Protect("Tackling Alcohol Partnership");
        }

        using var second = new AlcoholServiceFactory();
        second.Settings["SAFECITY_DATA_DIR"] = data.Path;
        using var elsewhere = new AlcoholServiceFactory();

        Assert.Equal("Tackling Alcohol Partnership", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("form").Unprotect(sealedText));
        // A service with a store of its own has keys of its own.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            elsewhere.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("form").Unprotect(sealedText));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
