using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeCity.Contracts.Identity;
using SafeCity.ServiceDefaults;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Access;

/// <summary>The platform's identity tokens: each of its kind, for one audience, short-lived, signed by keys a receiver cannot sign with where that matters.</summary>
public sealed class PlatformTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TokenKind[] AnyKind = [TokenKind.Person, TokenKind.Partner, TokenKind.Service, TokenKind.Operator];

    private static readonly PlatformUser Officer = new("jo.bloggs", "Jo Bloggs", [PlatformRoles.OfficerOf("alcohol")], Now.AddMinutes(2));

    private static PlatformTokens Receiver(string audience) => PlatformTokens.From(new PlatformIdentityOptions
    {
        Audience = audience,
        People = new SigningKeyOptions { VerifyKeys = TestIdentity.ServiceSettings["Identity:People:VerifyKeys"] },
        Partners = new SigningKeyOptions { VerifyKeys = TestIdentity.ServiceSettings["Identity:Partners:VerifyKeys"] },
        ServiceKeys = TestIdentity.ServiceSettings["Identity:ServiceKeys"],
    });

    [Fact]
    public async Task A_token_carries_its_kind_audience_issue_time_id_and_roles_and_is_believed_by_its_audience_alone()
    {
        var token = TestIdentity.Signer.Issue(TokenKind.Person, Officer, "alcohol", Now);

        var checkedToken = await Receiver("alcohol").CheckAsync(token, AnyKind, Now.AddSeconds(10));

        Assert.NotNull(checkedToken);
        Assert.Equal((TokenKind.Person, "jo.bloggs", "Jo Bloggs"), (checkedToken.Kind, checkedToken.User.Id, checkedToken.User.Name));
        Assert.Equal([PlatformRoles.OfficerOf("alcohol")], checkedToken.User.Roles);
        Assert.Equal(Now, checkedToken.IssuedAt);
        Assert.Equal(32, checkedToken.TokenId.Length);
        Assert.Null(await Receiver("violence").CheckAsync(token, AnyKind, Now.AddSeconds(10)));
        Assert.Null(await Receiver("alcohol").CheckAsync(token, [TokenKind.Partner, TokenKind.Service], Now.AddSeconds(10)));
    }

    [Fact]
    public async Task A_checker_asked_for_another_audience_believes_that_audiences_tokens_and_not_its_own()
    {
        var forGovernance = TestIdentity.Signer.Issue(TokenKind.Person, Officer, "governance", Now);
        var forAlcohol = TestIdentity.Signer.Issue(TokenKind.Person, Officer, "alcohol", Now);

        Assert.NotNull(await Receiver("alcohol").CheckAsync(forGovernance, AnyKind, Now.AddSeconds(10), audience: "governance"));
        Assert.Null(await Receiver("alcohol").CheckAsync(forAlcohol, AnyKind, Now.AddSeconds(10), audience: "governance"));
    }

    [Fact]
    public void A_token_that_would_be_dead_when_made_is_not_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestIdentity.Signer.Issue(TokenKind.Person, Officer with { Expires = Now }, "alcohol", Now));
    }

    [Theory]
    [InlineData("=c2VjcmV0")]
    [InlineData("key1=")]
    [InlineData("key1")]
    public void A_key_ring_entry_not_written_id_equals_base64_is_refused_at_start(string ring)
    {
        Assert.Throws<InvalidOperationException>(() => KeyRing.Secrets(ring));
        Assert.Throws<InvalidOperationException>(() => KeyRing.Public(ring));
    }

    [Fact]
    public void A_secret_shorter_than_32_bytes_or_a_private_key_without_its_id_is_refused_at_start()
    {
        var (privateKey, _) = KeyRing.NewKeyPair();

        Assert.Throws<InvalidOperationException>(() => KeyRing.Secrets("short=" + Convert.ToBase64String(new byte[31])));
        Assert.Throws<InvalidOperationException>(() => KeyRing.Private(" ", privateKey, null));
        // The private key's own public half checks what it signs, named by its id.
        var ring = KeyRing.Private("gw-1", privateKey, null);
        Assert.Equal(["gw-1"], ring.Verifying.Select(k => k.KeyId));
        Assert.Equal("gw-1", ring.Signing!.Key.KeyId);
    }

    [Fact]
    public async Task An_expired_altered_or_too_long_lived_token_is_refused()
    {
        var token = TestIdentity.Signer.Issue(TokenKind.Person, Officer, "alcohol", Now);
        var altered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];

        Assert.Null(await Receiver("alcohol").CheckAsync(token, AnyKind, Now.AddMinutes(3)));
        Assert.Null(await Receiver("alcohol").CheckAsync(altered, AnyKind, Now));
        Assert.Null(await Receiver("alcohol").CheckAsync("not.a.token", AnyKind, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestIdentity.Signer.Issue(TokenKind.Person, Officer with { Expires = Now.AddHours(4) }, "alcohol", Now));
    }

    [Fact]
    public async Task An_operators_token_is_its_own_kind_for_the_gateway_and_lives_as_long_as_asked()
    {
        var ring = KeyRing.NewSecret("op-1");
        var gateway = PlatformTokens.From(new PlatformIdentityOptions { Audience = PlatformTokens.GatewayAudience, OperatorKeys = ring });

        var checkedToken = await gateway.CheckAsync(PlatformTokens.OperatorToken(ring, Now), [TokenKind.Operator], Now);

        Assert.NotNull(checkedToken);
        Assert.Equal((TokenKind.Operator, "operator", "The platform's operator"), (checkedToken.Kind, checkedToken.User.Id, checkedToken.User.Name));
        Assert.Equal([PlatformRoles.Administrator, PlatformRoles.PlatformOperator], checkedToken.User.Roles);
        Assert.Equal(Now + PlatformTokens.OperatorLifetime, checkedToken.User.Expires);
        Assert.Equal(Now.AddMinutes(3), (await gateway.CheckAsync(PlatformTokens.OperatorToken(ring, Now, TimeSpan.FromMinutes(3)), [TokenKind.Operator], Now))!.User.Expires);
        // Another operator's ring is not believed.
        Assert.Null(await gateway.CheckAsync(PlatformTokens.OperatorToken(KeyRing.NewSecret("op-1"), Now), [TokenKind.Operator], Now));
    }

    [Fact]
    public void Issuers_roles_and_refusals_are_named_as_the_platform_writes_them()
    {
        Assert.Equal("safecity:person", PlatformTokens.IssuerOf(TokenKind.Person));
        Assert.Equal("safecity:partner", PlatformTokens.IssuerOf(TokenKind.Partner));
        Assert.Equal(("organisation:hfrs", "client:c-1", "shares:Deliberate fire"), (PlatformRoles.Organisation("hfrs"), PlatformRoles.Client("c-1"), PlatformRoles.Shares("Deliberate fire")));

        var nothing = PlatformTokens.From(new PlatformIdentityOptions());
        Assert.False(nothing.CanSign(TokenKind.Person));
        Assert.False(nothing.CanCheck(TokenKind.Person));
        Assert.True(Receiver("alcohol").CanCheck(TokenKind.Person));
        Assert.Equal("This process holds no key to sign Person tokens with.", Assert.Throws<InvalidOperationException>(() => nothing.Issue(TokenKind.Person, Officer, "alcohol", Now)).Message);
        Assert.StartsWith("A Person token lives at most 2 minutes.", Assert.Throws<ArgumentOutOfRangeException>(() => TestIdentity.Signer.Issue(TokenKind.Person, Officer with { Expires = Now.AddHours(1) }, "alcohol", Now)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_key_of_a_ring_is_named_by_its_id_and_a_bad_ring_is_refused_saying_what_is_wrong()
    {
        var (privateKey, publicKey) = KeyRing.NewKeyPair();
        var secret = KeyRing.NewSecret("s-1");

        Assert.Matches("^s-1=[A-Za-z0-9+/]{43}=$", secret);
        Assert.Equal(["s-1"], KeyRing.Secrets(secret).Verifying.Select(k => k.KeyId));
        Assert.Equal("s-1", KeyRing.Secrets(secret).Signing!.Key.KeyId);
        Assert.Equal(["p-1", "p-2"], KeyRing.Public($"p-1={publicKey}; p-2={publicKey}").Verifying.Select(k => k.KeyId));
        // A private key whose id the verifying ring already holds is not added twice.
        Assert.Equal(["gw-1"], KeyRing.Private("gw-1", privateKey, $"gw-1={publicKey}").Verifying.Select(k => k.KeyId));

        Assert.Equal("Identity key short is shorter than 32 bytes.", Assert.Throws<InvalidOperationException>(() => KeyRing.Secrets("short=" + Convert.ToBase64String(new byte[31]))).Message);
        Assert.Equal("An identity secret is written id=base64; one entry is not.", Assert.Throws<InvalidOperationException>(() => KeyRing.Secrets("key1")).Message);
        Assert.Equal("An identity public key is written id=base64; one entry is not.", Assert.Throws<InvalidOperationException>(() => KeyRing.Public("key1=")).Message);
        Assert.Equal("A signing key needs its key id.", Assert.Throws<InvalidOperationException>(() => KeyRing.Private(" ", privateKey, null)).Message);
    }

    /// <summary>A service token made by hand with the services' own ring, so that one rule at a time can be broken.</summary>
    private static string Crafted(string kind = "service", TimeSpan? lifetime = null, int roles = 1, DateTimeOffset? notBefore = null, string pad = "", string headerPad = "")
    {
        var from = notBefore ?? Now;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = PlatformTokens.IssuerOf(TokenKind.Service),
            Audience = "alcohol",
            IssuedAt = from.UtcDateTime,
            NotBefore = from.UtcDateTime,
            Expires = from.Add(lifetime ?? TimeSpan.FromMinutes(1)).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "service:violence",
                ["name"] = "violence service" + pad,
                ["kind"] = kind,
                ["role"] = Enumerable.Range(0, roles).Select(i => $"{PlatformRoles.Analyst}-{i:D4}").ToArray(),
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
            AdditionalHeaderClaims = headerPad.Length > 0 ? new Dictionary<string, object> { ["pad"] = headerPad } : null,
            SigningCredentials = KeyRing.Secrets(TestIdentity.ServiceSettings["Identity:ServiceKeys"]).Signing,
        });
    }

    [Fact]
    public async Task A_token_is_believed_up_to_30_seconds_either_side_of_its_life_and_for_its_kinds_whole_lifetime_not_a_second_more()
    {
        var receiver = Receiver("alcohol");
        var skew = TimeSpan.FromSeconds(30);

        // Not yet valid: believed when it starts within the skew, refused a second beyond it.
        Assert.NotNull(await receiver.CheckAsync(Crafted(notBefore: Now + skew), AnyKind, Now));
        Assert.Null(await receiver.CheckAsync(Crafted(notBefore: Now + skew + TimeSpan.FromSeconds(1)), AnyKind, Now));
        // Expired: believed until the skew has passed since its end, refused at that instant.
        var oneMinute = Crafted();
        Assert.NotNull(await receiver.CheckAsync(oneMinute, AnyKind, Now + TimeSpan.FromMinutes(1) + skew - TimeSpan.FromSeconds(1)));
        Assert.Null(await receiver.CheckAsync(oneMinute, AnyKind, Now + TimeSpan.FromMinutes(1) + skew));
        // A service token lives at most two minutes: exactly two is believed, a second more is not.
        Assert.NotNull(await receiver.CheckAsync(Crafted(lifetime: PlatformTokens.InternalLifetime), AnyKind, Now));
        Assert.Null(await receiver.CheckAsync(Crafted(lifetime: PlatformTokens.InternalLifetime + TimeSpan.FromSeconds(1)), AnyKind, Now));
    }

    [Fact]
    public async Task A_token_of_exactly_8192_characters_is_believed_and_one_of_8193_is_not()
    {
        var receiver = Receiver("alcohol");

        Assert.NotNull(await receiver.CheckAsync(OfLength(8192), AnyKind, Now));
        Assert.Null(await receiver.CheckAsync(OfLength(8193), AnyKind, Now));
    }

    /// <summary>A token within every other rule, padded in its payload and header to exactly the length asked.</summary>
    private static string OfLength(int length)
    {
        for (var header = 0; header < 4; header++)
        {
            for (var pad = 0; pad < length; pad++)
            {
                var token = Crafted(roles: 200, pad: new string('x', pad), headerPad: new string('h', header));
                if (token.Length == length)
                {
                    return token;
                }

                if (token.Length > length)
                {
                    break;
                }
            }
        }

        throw new InvalidOperationException($"No token of {length} characters could be made.");
    }

    [Fact]
    public async Task A_signed_token_that_lives_longer_than_its_kind_may_names_another_kind_or_runs_past_8192_characters_is_refused()
    {
        var receiver = Receiver("alcohol");
        var ordinary = Crafted();
        var longLived = Crafted(lifetime: TimeSpan.FromHours(1));
        var otherKind = Crafted(kind: "person");
        var oversized = Crafted(roles: 400);

        // The control: made the same way within every rule, it is believed.
        Assert.NotNull(await receiver.CheckAsync(ordinary, AnyKind, Now.AddSeconds(5)));
        Assert.NotNull(await receiver.CheckAsync(Crafted(roles: 200), AnyKind, Now.AddSeconds(5)));
        Assert.Null(await receiver.CheckAsync(longLived, AnyKind, Now.AddSeconds(5)));
        Assert.Null(await receiver.CheckAsync(otherKind, AnyKind, Now.AddSeconds(5)));
        Assert.True(oversized.Length > 8192, $"The oversized token has {oversized.Length} characters.");
        Assert.Null(await receiver.CheckAsync(oversized, AnyKind, Now.AddSeconds(5)));
    }

    [Fact]
    public async Task A_service_key_cannot_make_a_persons_token_and_a_service_cannot_sign_as_the_gateway()
    {
        var services = PlatformTokens.From(new PlatformIdentityOptions { ServiceKeys = TestIdentity.ServiceSettings["Identity:ServiceKeys"] });
        var asService = services.Issue(TokenKind.Service, Officer, "alcohol", Now);

        Assert.False(Receiver("alcohol").CanSign(TokenKind.Person));
        Assert.False(Receiver("alcohol").CanSign(TokenKind.Partner));
        Assert.Equal(TokenKind.Service, (await Receiver("alcohol").CheckAsync(asService, AnyKind, Now))!.Kind);
        Assert.Throws<InvalidOperationException>(() => services.Issue(TokenKind.Person, Officer, "alcohol", Now));
    }

    [Fact]
    public async Task A_key_added_to_the_ring_is_believed_without_a_restart_and_one_removed_is_not()
    {
        var (fresh, freshPublic) = KeyRing.NewKeyPair();
        var settings = new Dictionary<string, string?>
        {
            ["Identity:People:VerifyKeys"] = TestIdentity.ServiceSettings["Identity:People:VerifyKeys"],
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.AddPlatformTokens("alcohol");
        using var host = builder.Build();
        var keys = host.Services.GetRequiredService<IdentityKeys>();
        var rotated = PlatformTokens.From(new PlatformIdentityOptions { People = new SigningKeyOptions { KeyId = "next", SigningKey = fresh } })
            .Issue(TokenKind.Person, Officer, "alcohol", Now);
        var old = TestIdentity.Signer.Issue(TokenKind.Person, Officer, "alcohol", Now);
        Assert.Null(await keys.Current.CheckAsync(rotated, AnyKind, Now));

        configuration["Identity:People:VerifyKeys"] = $"next={freshPublic}";
        configuration.Reload();

        Assert.NotNull(await keys.Current.CheckAsync(rotated, AnyKind, Now));
        Assert.Null(await keys.Current.CheckAsync(old, AnyKind, Now));
    }
}
