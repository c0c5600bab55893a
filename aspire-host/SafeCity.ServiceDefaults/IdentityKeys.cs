using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;

namespace SafeCity.ServiceDefaults;

/// <summary>
/// The identity keys in force, from configuration (section Identity) and read again whenever it
/// changes: a key added to a ring is believed, and a key removed refused, without a restart, where the
/// configuration reloads (files, secret stores mounted as files).
/// </summary>
public sealed class IdentityKeys : IDisposable
{
    private readonly IDisposable? _watch;
    private volatile PlatformTokens _current;

    public IdentityKeys(IOptionsMonitor<PlatformIdentityOptions> options)
    {
        _current = PlatformTokens.From(options.CurrentValue);
        _watch = options.OnChange(o => _current = PlatformTokens.From(o));
    }

    public PlatformTokens Current => _current;

    public void Dispose() => _watch?.Dispose();
}

public static class PlatformTokenRegistration
{
    /// <summary>The process's identity keys (section Identity) and its calls to other services, for tokens whose audience is <paramref name="audience"/>.</summary>
    public static IHostApplicationBuilder AddPlatformTokens(this IHostApplicationBuilder builder, string audience)
    {
        builder.Services.AddOptions<PlatformIdentityOptions>().Bind(builder.Configuration.GetSection(PlatformIdentityOptions.Section))
            .PostConfigure(o => o.Audience ??= audience);
        builder.Services.AddSingleton<IdentityKeys>();
        builder.Services.AddSingleton<ServiceCalls>();
        return builder;
    }
}
