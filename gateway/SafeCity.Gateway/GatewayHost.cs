using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.Audit;
using SafeCity.Gateway.ChangePassword;
using SafeCity.Gateway.Demonstration;
using SafeCity.Gateway.Forwarding;
using SafeCity.Gateway.ManageAccounts;
using SafeCity.Gateway.Organisations;
using SafeCity.Gateway.Partners;
using SafeCity.Gateway.Reminders;
using SafeCity.Gateway.Sessions;
using SafeCity.Gateway.SignIn;
using SafeCity.Gateway.Status;
using SafeCity.Gateway.Web;
using SafeCity.ServiceDefaults;
using SafeCity.Storage;
using Yarp.ReverseProxy.Transforms;

namespace SafeCity.Gateway;

/// <summary>
/// The only way in: people's sign-in and accounts, partners' tokens, and every request forwarded
/// (YARP) to the service it is for, carrying who it is for. Settings are checked at start.
/// </summary>
public static class GatewayHost
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        var gateway = builder.AddSettings<GatewayOptions>(GatewayOptions.Section);
        gateway.Complete(builder.Configuration);
        builder.Services.PostConfigure<GatewayOptions>(o => o.Complete(builder.Configuration));
        var limits = builder.AddSettings<GatewayLimits>(GatewayLimits.Section);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = gateway.ListenOnAllInterfaces ? IPAddress.Any : IPAddress.Loopback;
            kestrel.Listen(address, gateway.HttpPort, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(address, gateway.GrpcPort, o => o.Protocols = HttpProtocols.Http2);
            // Forms and JSON commands are small; a gRPC stream is unbounded as a whole and bounded per message by the service.
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersKilobytes * 1024;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = limits.MaxRequestHeadersKilobytes * 1024;
        });
        builder.Services.Configure<FormOptions>(forms => RequestLimits.ConfigureForms(forms, limits));

        // People sign in here; every request forwarded carries who it is for, in a token signed for its one destination.
        builder.AddPlatformTokens(PlatformTokens.GatewayAudience);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddAccountsAndSessions(gateway);
        builder.AddWorkReminders();
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        builder.AddForwarding(gateway);
        return builder;
    }

    private static void AddAccountsAndSessions(this WebApplicationBuilder builder, GatewayOptions gateway)
    {
        var dataDirectory = builder.Configuration["SAFECITY_DATA_DIR"] is { Length: > 0 } dir ? dir : ".safecity";
        // Cookies go only over HTTPS wherever another machine can reach the gateway. Only in Development, or
        // listening on this machine's loopback alone (./safecity run: no network between browser and gateway),
        // may they go over plain HTTP.
        var secureCookies = builder.Environment.IsDevelopment() || !gateway.ListenOnAllInterfaces ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        var signInLimits = builder.AddSettings<SignInLimits>(SignInLimits.Section);
        var accounts = builder.AddSettings<AccountOptions>(AccountOptions.Section);
        builder.Services.AddSingleton(new SqliteFile(Path.Combine(dataDirectory, "gateway.db")));
        // Sign-in cookies and form tokens are sealed with keys kept beside its database, so a restart signs no one out.
        OwnerOnly.CreateDirectory(Path.Combine(dataDirectory, "data-protection-keys"));
        builder.Services.AddDataProtection().SetApplicationName("safecity-gateway")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "data-protection-keys")));
        builder.Services.AddSingleton(signInLimits);
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddSingleton<GatewayAudit>();
        builder.Services.AddSingleton(sp => new GatewaySessions(sp.GetRequiredService<SqliteFile>(), sp.GetRequiredService<TimeProvider>(), accounts.SessionIdle));
        builder.Services.AddSingleton(sp => new LocalAccounts(sp.GetRequiredService<SqliteFile>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SignInGuard>(), accounts));
        builder.Services.AddSingleton<PartnerRegister>();
        builder.Services.AddSingleton<ThemeCategories>();
        builder.Services.AddHttpClient(ThemeCategories.ClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddHostedService<AdministratorBootstrap>();
        builder.Services.AddHostedService<Housekeeping>();
        builder.Services.AddSingleton<DemonstrationJob>();
        builder.Services.AddHttpClient(DemonstrationJob.ClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<SessionCookieEvents>();
        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = GatewayCookies.Session;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secureCookies;
            o.ExpireTimeSpan = accounts.SessionIdle;
            o.SlidingExpiration = true;
            o.LoginPath = "/account/sign-in";
            o.AccessDeniedPath = "/account/sign-in";
            // Each request checks the session the cookie names is still live on the server.
            o.EventsType = typeof(SessionCookieEvents);
        });
        // Production: the council's OpenID Connect provider (Entra ID) signs people in; its app roles are the platform's roles.
        var openIdConnect = builder.Configuration.GetSection(OrganisationSignIn.Section).Get<OrganisationSignIn>();
        if (openIdConnect?.Authority is { Length: > 0 })
        {
            authentication.AddOpenIdConnect(OrganisationSignIn.Scheme, o => openIdConnect.Configure(o));
        }

        builder.Services.AddSingleton(openIdConnect ?? new OrganisationSignIn());
        builder.Services.AddGatewayPolicies();
        builder.Services.AddAntiforgery(o =>
        {
            // Its own name, so it neither meets the services' antiforgery cookies nor is forwarded to them.
            o.Cookie.Name = GatewayCookies.Antiforgery;
            o.Cookie.SecurePolicy = secureCookies;
            o.Cookie.HttpOnly = true;
        });
    }

    private static void AddWorkReminders(this WebApplicationBuilder builder)
    {
        // Reminders of work due: off unless Reminders:SmtpHost names a mail server.
        builder.AddSettings<ReminderOptions>(ReminderOptions.Section);
        builder.Services.AddSingleton<ReminderAddresses>();
        builder.Services.AddHttpClient(WorkReminders.ClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<WorkReminders>(sp,
            WorkReminders.FromGovernance(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<ServiceCalls>())));
    }

    private static void AddForwarding(this WebApplicationBuilder builder, GatewayOptions gateway)
    {
        // Behind a TLS-terminating proxy (Gateway:TrustedProxies, its networks): the client's address and scheme from its headers, from it alone.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var network in gateway.TrustedProxies)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // On Kubernetes with Dapr (Dapr:Invoke) every call to a service goes through the pod's sidecar.
        var (routes, clusters) = PlatformRoutes.Build(gateway.Themes, DaprInvocation.IsOn(builder.Configuration)
            ? new PlatformRoutes.Sidecar(DaprInvocation.HttpPort(builder.Configuration), DaprInvocation.GrpcPort(builder.Configuration))
            : null);
        // A sidecar with an API token (DAPR_API_TOKEN) wants it on every call; the caller's own dapr-* headers were dropped at the edge.
        var sidecarToken = DaprInvocation.IsOn(builder.Configuration) ? DaprInvocation.ApiToken(builder.Configuration) : null;
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver()
            .AddTransforms(context =>
            {
                context.AddRequestTransform(ForwardedIdentity.AddAsync);
                if (sidecarToken is not null)
                {
                    context.AddRequestHeader(DaprInvocation.ApiTokenHeader, sidecarToken, append: false);
                }
            });
        builder.Services.AddPartnerRateLimits(gateway.PartnerCallsPerSecond);
        // The gateway is ready when it can serve; the services behind it have their own status (GET /status).
        builder.AddSettings<PlatformStatusOptions>(PlatformStatusOptions.Section);
        builder.Services.AddHttpClient(HealthWatch.ClientName);
        builder.Services.AddSingleton<PlatformStatus>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlatformStatus>());
        // Where ./safecity run keeps its scheduled backups, so that /status can say when the last good one was taken.
        builder.AddSettings<BackupOptions>(BackupOptions.Section);
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        var gateway = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value;
        if (gateway.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        var limits = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayLimits>>().Value;
        app.UseRequestLimits(gateway.GrpcPort, limits);
        app.UseEdgePaths();
        if (!app.Environment.IsDevelopment())
        {
            // Sent only on HTTPS requests: where TLS ends at a trusted proxy in front (Gateway:TrustedProxies).
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseCrossSiteRefusal();
        app.UseAuthentication();
        app.UseOneTimePasswordGate();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapDefaultEndpoints(scrapeable: false);
        app.MapGroup("/account").RequireAntiforgeryToken()
            .MapSignIn()
            .MapChangePassword()
            .MapManageAccounts()
            .MapDemonstration()
            .MapAuditTrail()
            .MapOrganisations();
        app.UseRateLimiter();
        app.UsePartnerStanding();
        app.MapPartnerToken();
        app.MapPlatformStatus();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseServiceUnavailableAnswer();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
