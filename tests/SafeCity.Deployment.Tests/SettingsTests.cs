using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SafeCity.Gateway;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.SignIn;
using SafeCity.Gateway.Status;
using SafeCity.Governance;
using SafeCity.Governance.Pmg;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Web;
using SafeCity.ServiceDefaults;

namespace SafeCity.Deployment.Tests;

/// <summary>A setting out of its limits stops the service at start, naming the key and its limit, never the value.</summary>
public sealed class SettingsTests
{
    public static TheoryData<string, string, Func<IHostApplicationBuilder, object>> OutOfLimits() => new()
    {
        { "Gateway:PartnerCallsPerSecond", "-37", b => b.AddSettings<GatewayOptions>(GatewayOptions.Section) },
        { "Gateway:HttpPort", "70000", b => b.AddSettings<GatewayOptions>(GatewayOptions.Section) },
        { "Gateway:TrustedProxies:0", "not-a-network", b => b.AddSettings<GatewayOptions>(GatewayOptions.Section) },
        { "Gateway:Status:TimeoutSeconds", "-37", b => b.AddSettings<PlatformStatusOptions>(PlatformStatusOptions.Section) },
        { "SignIn:MaxFailures", "-37", b => b.AddSettings<SignInLimits>(SignInLimits.Section) },
        { "Identity:SessionMinutes", "99999", b => b.AddSettings<AccountOptions>(AccountOptions.Section) },
        { "Limits:MaxRequestBodyKilobytes", "-37", b => b.AddSettings<GatewayLimits>(GatewayLimits.Section) },
        { "Limits:MaxRecordsPerCall", "-37", b => b.AddSettings<PlatformLimits>(PlatformLimits.Section) },
        { "Outbox:BatchSize", "-37", b => b.AddSettings<OutboxOptions>(OutboxOptions.Section) },
        { "Governance:ThemeCheckSeconds", "-37", b => b.AddSettings<GovernanceOptions>(GovernanceOptions.Section) },
        { "Pmg:IntervalWeeks", "99", b => b.AddSettings<PmgCalendarOptions>(PmgCalendarOptions.Section) },
    };

    [Theory]
    [MemberData(nameof(OutOfLimits))]
    public void A_value_out_of_its_limits_is_refused_naming_the_key(string key, string value, Func<IHostApplicationBuilder, object> add)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => add(builder));

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
        Assert.Contains("must be", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, refused.Message.Replace(key, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_within_every_limit()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddSettings<GatewayOptions>(GatewayOptions.Section);
        builder.AddSettings<PlatformStatusOptions>(PlatformStatusOptions.Section);
        builder.AddSettings<SignInLimits>(SignInLimits.Section);
        builder.AddSettings<AccountOptions>(AccountOptions.Section);
        builder.AddSettings<GatewayLimits>(GatewayLimits.Section);
        builder.AddSettings<PlatformLimits>(PlatformLimits.Section);
        builder.AddSettings<OutboxOptions>(OutboxOptions.Section);
        builder.AddSettings<GovernanceOptions>(GovernanceOptions.Section);
        Assert.Equal(6, builder.AddSettings<PmgCalendarOptions>(PmgCalendarOptions.Section).IntervalWeeks);
    }

    [Fact]
    public async Task A_value_set_after_binding_is_checked_when_the_host_starts()
    {
        // SAFECITY_HTTP_PORT reaches the gateway's options after the section is read: the start checks it too.
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SAFECITY_HTTP_PORT"] = "70000" });
        builder.AddSettings<GatewayOptions>(GatewayOptions.Section);
        builder.Services.PostConfigure<GatewayOptions>(o => o.Complete(builder.Configuration));
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SAFECITY_HTTP_PORT", refused.Message, StringComparison.Ordinal);
    }
}
