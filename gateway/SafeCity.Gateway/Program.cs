using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.Partners;
using SafeCity.ServiceDefaults;
using Yarp.ReverseProxy.Transforms;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new();
gateway.HttpPort = builder.Configuration.GetValue("SAFECITY_HTTP_PORT", gateway.HttpPort);
gateway.GrpcPort = builder.Configuration.GetValue("SAFECITY_GRPC_PORT", gateway.GrpcPort);
builder.Services.Configure<GatewayOptions>(o =>
{
    o.Themes = gateway.Themes;
    o.PartnerCallsPerSecond = gateway.PartnerCallsPerSecond;
    o.HttpPort = gateway.HttpPort;
    o.GrpcPort = gateway.GrpcPort;
});

builder.WebHost.ConfigureKestrel(kestrel =>
{
    var address = gateway.ListenOnAllInterfaces ? IPAddress.Any : IPAddress.Loopback;
    kestrel.Listen(address, gateway.HttpPort, o => o.Protocols = HttpProtocols.Http1);
    kestrel.Listen(address, gateway.GrpcPort, o => o.Protocols = HttpProtocols.Http2);
    // Forms and JSON commands are small; a gRPC stream is unbounded as a whole and bounded per message by the service.
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Limits:MaxRequestBodyKilobytes", 1024) * 1024L;
});

// People sign in here; every request forwarded carries who it is for, in a token signed for its one destination.
builder.AddPlatformTokens(PlatformTokens.GatewayAudience);
var dataDirectory = builder.Configuration["SAFECITY_DATA_DIR"] is { Length: > 0 } dir ? dir : ".safecity";
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new GatewayDatabase(Path.Combine(dataDirectory, "gateway.db")));
// Sign-in cookies and form tokens are sealed with keys kept beside its database, so a restart signs no one out.
OwnerOnly.CreateDirectory(Path.Combine(dataDirectory, "data-protection-keys"));
builder.Services.AddDataProtection().SetApplicationName("safecity-gateway")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "data-protection-keys")));
builder.Services.AddSingleton(sp => new LocalAccounts(sp.GetRequiredService<GatewayDatabase>(), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton(sp => new PartnerRegister(sp.GetRequiredService<GatewayDatabase>(), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton<ThemeCategories>();
builder.Services.AddHttpClient(ThemeCategories.ClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
builder.Services.AddHostedService<AdministratorBootstrap>();
var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
{
    o.Cookie.Name = "safecity";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.ExpireTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Identity:SessionMinutes", 20));
    o.SlidingExpiration = true;
    o.LoginPath = "/account/sign-in";
    o.AccessDeniedPath = "/account/sign-in";
});
// Production: the council's OpenID Connect provider (Entra ID) signs people in; its app roles are the platform's roles.
var openIdConnect = builder.Configuration.GetSection(OrganisationSignIn.Section).Get<OrganisationSignIn>();
if (openIdConnect?.Authority is { Length: > 0 })
{
    authentication.AddOpenIdConnect(OrganisationSignIn.Scheme, o => openIdConnect.Configure(o));
}

builder.Services.AddSingleton(openIdConnect ?? new OrganisationSignIn());
builder.Services.AddAuthorization();
builder.Services.AddAntiforgery();

// On Kubernetes with Dapr (Dapr:Invoke) every call to a service goes through the pod's sidecar.
var (routes, clusters) = PlatformRoutes.Build(gateway.Themes, DaprInvocation.IsOn(builder.Configuration)
    ? new PlatformRoutes.Sidecar(DaprInvocation.HttpPort(builder.Configuration), DaprInvocation.GrpcPort(builder.Configuration))
    : null);
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver()
    .AddTransforms(context => context.AddRequestTransform(ForwardedIdentity.AddAsync));
builder.Services.AddPartnerRateLimits(gateway.PartnerCallsPerSecond);
builder.Services.AddHttpClient(PlatformReadiness.ClientName, c => c.Timeout = TimeSpan.FromSeconds(3));
builder.Services.AddHealthChecks().AddCheck<PlatformReadiness>("platform");

var app = builder.Build();
var maxBody = app.Configuration.GetValue("Limits:MaxRequestBodyKilobytes", 1024) * 1024L;
app.Use(async (context, next) =>
{
    if (context.Connection.LocalPort == gateway.GrpcPort && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
    {
        size.MaxRequestBodySize = null;
    }
    else if (context.Request.ContentLength > maxBody)
    {
        // Refused before it is forwarded, in words (Kestrel's own refusal has no body).
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await context.Response.WriteAsJsonAsync(new { status = 413, title = "The request could not be read", detail = $"The request body is larger than the {maxBody / 1024:N0} KB one call may send." });
        return;
    }

    // A service's scheduled jobs are its own sidecar's to call, never a caller's from outside.
    if (context.Request.Path.StartsWithSegments("/jobs"))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    await next(context);
});
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapAccountPages();
app.UseRateLimiter();
app.MapPartnerEndpoints();
app.MapReverseProxy();
app.Run();

