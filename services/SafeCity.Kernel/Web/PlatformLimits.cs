using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SafeCity.ServiceDefaults;

namespace SafeCity.Kernel.Web;

/// <summary>
/// What one caller may ask of a service at a time (section "Limits"). The defaults leave room for
/// every real form, record and file the platform takes, and refuse what is only big.
/// </summary>
public sealed class PlatformLimits
{
    public const string Section = "Limits";

    /// <summary>The largest body of an HTTP request (a form, a JSON command): 1 MB. gRPC calls are bounded per message instead.</summary>
    [Range(1, 1048576, ErrorMessage = "Limits:MaxRequestBodyKilobytes must be from {1} to {2}.")]
    public int MaxRequestBodyKilobytes { get; set; } = 1024;

    /// <summary>The largest single gRPC message (one record, one command): 1 MB; a record may hold about 60 KB.</summary>
    [Range(1, 1048576, ErrorMessage = "Limits:MaxGrpcMessageKilobytes must be from {1} to {2}.")]
    public int MaxGrpcMessageKilobytes { get; set; } = 1024;

    /// <summary>
    /// The most records one streamed call may carry. A call's reply lists every record's outcome, so
    /// this also bounds the reply a service builds up; a client sends more in further calls.
    /// </summary>
    [Range(1, 10000000, ErrorMessage = "Limits:MaxRecordsPerCall must be from {1} to {2}.")]
    public int MaxRecordsPerCall { get; set; } = 50_000;

    /// <summary>How long a page or an HTTP API call may take before it is answered 504 (gRPC callers set their own deadlines).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Limits:RequestTimeout must be from {1} to {2}.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public static PlatformLimits From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<PlatformLimits>() ?? new PlatformLimits();
}

public static class PlatformLimitsRegistration
{
    public const string LongRunning = "long-running";

    public static WebApplicationBuilder AddPlatformLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.AddSettings<PlatformLimits>(PlatformLimits.Section);
        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxRequestBodyKilobytes * 1024L);
        builder.Services.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = new() { Timeout = limits.RequestTimeout, TimeoutStatusCode = StatusCodes.Status504GatewayTimeout };
            // A rebuild asks every theme for its whole state.
            o.AddPolicy(LongRunning, TimeSpan.FromMinutes(10));
        });
        return builder;
    }
}
