namespace SafeCity.Integration.Tests.Security;

/// <summary>
/// A platform of its own for trying the gateway as an attacker would: its administrator has chosen a
/// password, and an address may try 50 sign-ins in a window (the default, set here so the tests know it).
/// Each test calls from loopback addresses of its own (127.0.0.x), so one test's lockouts are not another's.
/// </summary>
public sealed class SecurityPlatformFixture : PlatformFixture
{
    public const string AdministratorPassword = "the administrator's own long password";
    public const int AttemptsPerAddress = 50;
    public const int PartnerRecheckSeconds = 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["SignIn__MaxAttemptsPerAddress"] = AttemptsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // A partner's open call is checked against the register this often (30 s by default).
        ["Gateway__PartnerRecheckSeconds"] = PartnerRecheckSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Where the scheduled backups of this platform go, as ./safecity run tells the gateway.
        ["Backups__Folder"] = BackupFolder,
    };

    /// <summary>Where this platform's scheduled backups go.</summary>
    public string BackupFolder => Path.Combine(DataDirectory, "scheduled-backups");

    /// <summary>The administrator's one-time password as the gateway wrote it at the first start.</summary>
    public string FirstPassword { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        FirstPassword = Platform.OneTimeAdministratorPassword() ?? throw new InvalidOperationException("The gateway wrote no one-time password.");
        using var admin = new WebSession(Platform.GatewayHttp, "127.0.0.2");
        await admin.FirstSignInAsync("admin", FirstPassword, AdministratorPassword);
    }

    /// <summary>A browser signed in as the administrator, from an address of the caller's.</summary>
    public async Task<WebSession> AdministratorAsync(string from)
    {
        var session = new WebSession(Platform.GatewayHttp, from);
        using var response = await session.SignInAsync("admin", AdministratorPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityPlatformFixture>
{
    public const string Name = "security";
}
