using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MongoDB.Driver;
using SafeCity.Governance.Access;
using SafeCity.Governance.Consumers;
using SafeCity.Governance.DeliveryBoard.Report;
using SafeCity.Governance.Performance;
using SafeCity.Governance.Performance.MostSimilarGroup;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.Rebuild;
using SafeCity.Governance.Structure;
using SafeCity.Governance.Web;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Messaging;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Storage;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Kernel.Web;
using SafeCity.ServiceDefaults;

namespace SafeCity.Governance;

public static class GovernanceServiceHost
{
    public const string ServiceName = "governance";

    public static WebApplicationBuilder AddGovernanceService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddPlatformWeb();
        builder.AddPlatformIdentity(ServiceName);
        builder.AddSettings<AccessOptions>(AccessOptions.Section);
        builder.Services.AddSingleton(PartnershipStructure.Load(typeof(GovernanceServiceHost).Assembly));
        var tolerances = Tolerances.From(builder.Configuration);
        builder.Services.AddSingleton(tolerances);

        var storage = builder.AddStorageOptions(ServiceName);
        builder.AddSharedKeyRing(storage, ServiceName);
        if (storage.UsesMongo)
        {
            builder.Services.AddSingleton<IPerformanceReadModel>(sp => new MongoPerformanceReadModel(sp.GetRequiredService<IMongoDatabase>()));
            builder.Services.AddSingleton<IDocumentStore>(sp => new MongoDocumentStore(sp.GetRequiredService<IMongoDatabase>(), sp.GetRequiredService<OutboxSignal>()));
            builder.Services.AddSingleton<IOutboxStore>(sp => new Kernel.Storage.Mongo.MongoOutbox(sp.GetRequiredService<IMongoDatabase>()));
        }
        else
        {
            builder.Services.AddSingleton<IPerformanceReadModel>(sp => new SqlitePerformanceReadModel(sp.GetRequiredService<SqliteDatabase>()));
            builder.Services.AddSingleton<IDocumentStore>(sp => new SqliteDocumentStore(sp.GetRequiredService<SqliteDatabase>()));
            builder.Services.AddSingleton<IOutboxStore>(sp => new SqliteOutbox(sp.GetRequiredService<SqliteDatabase>()));
        }

        // Governance publishes too (the PMG's tolerances, to the themes): through its own outbox, like a theme's events.
        builder.AddSettings<OutboxOptions>(OutboxOptions.Section);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxDispatcher>();

        builder.Services.AddSingleton<PartnershipStructureStore>();
        builder.Services.AddSingleton<ToleranceStore>();
        builder.AddSettings<PmgCalendarOptions>(PmgCalendarOptions.Section);
        builder.Services.AddSingleton<PmgService>();
        builder.Services.AddSingleton<Attention.WhatNeedsAttention>();
        builder.Services.AddSingleton<MyWork.MyWorkList>();
        builder.Services.AddSingleton<MostSimilarGroupComparisons>();
        builder.Services.AddSingleton<Performance.MostSimilarGroup.ImportPoliceMonth.PoliceCountsStore>();
        builder.Services.AddSingleton<Performance.MostSimilarGroup.ImportPopulation.PopulationEstimates>();
        builder.Services.AddSingleton<Performance.MostSimilarGroup.EditTheFamily.FamilyStore>();
        builder.Services.AddSingleton<Performance.MostSimilarGroup.CompareWithFamily.FamilyBenchmark>();
        builder.Services.AddSingleton(DeliveryBoard.ExpectedOutcomes.ExpectedOutcomeList.Load(typeof(GovernanceServiceHost).Assembly));
        builder.Services.AddSingleton<DeliveryBoardService>();
        builder.Services.AddSingleton<IndicatorUpdates>();
        builder.Services.AddSingleton<Sharing.BreachProcedure>();
        builder.Services.AddSingleton(Sharing.PersonalDataKey.From(builder.Configuration, storage.DataDirectory));
        builder.Services.AddSingleton<Sharing.PpoCohort>();
        builder.Services.AddSingleton<Holdings.WhatGovernanceHolds>();

        builder.Services.AddHostedService<ReadModelInitializer>();
        builder.Services.AddHostedService<StartupRebuild>();
        builder.Services.AddHttpClient(ServiceDefaults.HealthWatch.ClientName);
        builder.Services.AddSingleton<ThemeSources.ThemeReachability>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ThemeSources.ThemeReachability>());
        // Each node of the broker, for /status (governance holds the broker's credentials; the gateway does not).
        builder.Services.AddSingleton<BrokerNodesWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BrokerNodesWatch>());
        builder.AddSafeCityBus(ServiceName, bus =>
        {
            bus.AddConsumer<ActionPlanPublishedConsumer, ActionPlanPublishedConsumerDefinition>();
            bus.AddConsumer<ActionStatusChangedConsumer, ActionStatusChangedConsumerDefinition>();
            bus.AddConsumer<MeasurementRecordedConsumer, MeasurementRecordedConsumerDefinition>();
        });
        builder.Services.AddSingleton<EventTally>();
        builder.Services.AddSingleton<PartnershipPerformance>();
        builder.Services.AddSingleton<JudgingDay>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GovernanceAccess>();
        builder.Services.AddGovernancePolicies();
        builder.Services.AddSingleton<PlanNumbers.PlanNumberRegister>();
        builder.AddSettings<GovernanceOptions>(GovernanceOptions.Section);
        builder.Services.AddHttpClient<IThemeStateSource, HttpThemeStateSource>(http => http.Timeout = TimeSpan.FromSeconds(60));
        builder.Services.AddTransient<ReadModelRebuild>();
        builder.Services.AddTransient<Jobs.ScheduledJobs>();
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = Kernel.Web.PlatformLimits.From(builder.Configuration).MaxGrpcMessageKilobytes * 1024);
        builder.Services.AddGrpcReflection();
        return builder;
    }

    public static WebApplication MapGovernanceService(this WebApplication app)
    {
        app.UsePlatformWeb();
        // Partners watch their indicators on long-lived streams: no request timeout on gRPC.
        app.MapGrpcService<GovernancePerformanceGrpcService>().DisableRequestTimeout();
        app.MapGrpcService<PartnerPerformanceGrpcService>().DisableRequestTimeout();
        app.MapGrpcReflectionService();
        app.MapGovernanceApi();
        Jobs.ScheduledJobEndpoints.MapScheduledJobs(app);
        app.MapRazorComponents<GovernanceApp>();
        app.MapDefaultEndpoints();
        app.MapEventPath();
        return app;
    }

    /// <summary>Creates the read model's tables before the bus delivers the first event, and governance's own records.</summary>
    private sealed class ReadModelInitializer(IPerformanceReadModel model, IDocumentStore documents, PartnershipStructureStore structure, ToleranceStore tolerances) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await model.InitializeAsync(cancellationToken);
            await documents.InitializeAsync(cancellationToken);
            await structure.InitializeAsync(cancellationToken);
            await tolerances.AnnounceAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
