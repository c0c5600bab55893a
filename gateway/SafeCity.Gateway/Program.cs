using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SafeCity.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new();
gateway.HttpPort = builder.Configuration.GetValue("SAFECITY_HTTP_PORT", gateway.HttpPort);
gateway.GrpcPort = builder.Configuration.GetValue("SAFECITY_GRPC_PORT", gateway.GrpcPort);
builder.Services.Configure<GatewayOptions>(o =>
{
    o.Themes = gateway.Themes;
    o.HttpPort = gateway.HttpPort;
    o.GrpcPort = gateway.GrpcPort;
});

builder.WebHost.ConfigureKestrel(kestrel =>
{
    var address = gateway.ListenOnAllInterfaces ? IPAddress.Any : IPAddress.Loopback;
    kestrel.Listen(address, gateway.HttpPort, o => o.Protocols = HttpProtocols.Http1);
    kestrel.Listen(address, gateway.GrpcPort, o => o.Protocols = HttpProtocols.Http2);
});

var (routes, clusters) = PlatformRoutes.Build(gateway.Themes);
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver();
builder.Services.AddHttpClient(PlatformReadiness.ClientName, c => c.Timeout = TimeSpan.FromSeconds(3));
builder.Services.AddHealthChecks().AddCheck<PlatformReadiness>("platform");

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();
