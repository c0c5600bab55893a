using MongoDB.Driver;
using SafeCity.Governance.Apis;
using SafeCity.Governance.Consumers;
using SafeCity.Governance.Grpc;
using SafeCity.Governance.Performance;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.Structure;
using SafeCity.Governance.Web;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Messaging;
using SafeCity.Kernel.Storage;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Kernel.Web;

namespace SafeCity.Governance;

public static class GovernanceServiceHost
{
    public const string ServiceName = "governance";

    public static WebApplicationBuilder AddGovernanceService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddPlatformWeb();
        builder.AddPlatformIdentity();
        builder.Services.Configure<AccessOptions>(builder.Configuration.GetSection(AccessOptions.Section));
        builder.Services.AddSingleton(PartnershipStructure.Load(typeof(GovernanceServiceHost).Assembly));
        builder.Services.AddSingleton(new RagRules(builder.Configuration.GetValue("Performance:RagTolerancePercent", RagRules.DefaultTolerancePercent)));

        var storage = builder.AddStorageOptions(ServiceName);
        if (storage.UsesMongo)
        {
            builder.Services.AddSingleton<IPerformanceReadModel>(sp => new MongoPerformanceReadModel(sp.GetRequiredService<IMongoDatabase>()));
        }
        else
        {
            builder.Services.AddSingleton<IPerformanceReadModel>(sp => new SqlitePerformanceReadModel(sp.GetRequiredService<SqliteDatabase>()));
        }

        builder.Services.AddHostedService<ReadModelInitializer>();
        builder.AddSafeCityBus(ServiceName, bus =>
        {
            bus.AddConsumer<ActionPlanPublishedConsumer>();
            bus.AddConsumer<ActionStatusChangedConsumer>();
            bus.AddConsumer<MeasurementRecordedConsumer>();
        });
        builder.Services.AddSingleton<PartnershipPerformance>();
        builder.Services.AddGrpc();
        builder.Services.AddGrpcReflection();
        return builder;
    }

    public static WebApplication MapGovernanceService(this WebApplication app)
    {
        app.UsePlatformWeb();
        app.MapGrpcService<GovernancePerformanceGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGovernanceApi();
        app.MapRazorComponents<GovernanceApp>();
        app.MapDefaultEndpoints();
        return app;
    }

    /// <summary>Creates the read model's tables before the bus delivers the first event.</summary>
    private sealed class ReadModelInitializer(IPerformanceReadModel model) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => model.InitializeAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
