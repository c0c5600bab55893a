using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Features.RecordMeasurement;
using SafeCity.Kernel.Features.SubmitRecords;
using SafeCity.Kernel.Features.UpdateAction;
using SafeCity.Kernel.Grpc;
using SafeCity.Kernel.Messaging;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Performance;
using SafeCity.Kernel.Records;
using SafeCity.Kernel.Seed;
using SafeCity.Kernel.Storage;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Storage.Mongo;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Kernel.Web;
using SafeCity.ServiceDefaults;

namespace SafeCity.Kernel.Hosting;

/// <summary>Everything a theme service has in common, registered and mapped once.</summary>
public static class ThemeServiceHost
{
    /// <summary>A theme service's whole Program.cs: build the kernel around the theme, serve until stopped.</summary>
    public static void Run(ThemeDefinition theme, string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddThemeService(theme);
        var app = builder.Build();
        app.MapThemeService();
        app.Run();
    }

    public static WebApplicationBuilder AddThemeService(this WebApplicationBuilder builder, ThemeDefinition theme)
    {
        builder.AddServiceDefaults();
        builder.AddPlatformWeb();
        builder.AddPlatformIdentity(theme.Slug);
        builder.Services.AddSingleton(theme);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Tolerances.From(builder.Configuration));
        builder.Services.AddSingleton<Messaging.RagTolerances.ThemeTolerances>();
        builder.AddSettings<AccessOptions>(AccessOptions.Section);
        builder.Services.AddSingleton<ThemeAccess>();
        builder.Services.AddThemePolicies();

        var storage = builder.AddStorageOptions(theme.Slug);
        builder.AddSharedKeyRing(storage, theme.Slug);
        if (storage.UsesMongo)
        {
            builder.Services.AddSingleton<IThemeStore>(sp => new MongoThemeStore(sp.GetRequiredService<IMongoDatabase>(), sp.GetRequiredService<OutboxSignal>()));
            builder.Services.AddSingleton<IRecordStore>(sp => new MongoRecordStore(sp.GetRequiredService<IMongoDatabase>(), RecordTallies.Of(theme)));
            builder.Services.AddSingleton<IDocumentStore>(sp => new MongoDocumentStore(sp.GetRequiredService<IMongoDatabase>(), sp.GetRequiredService<OutboxSignal>()));
        }
        else
        {
            builder.Services.AddSingleton<IThemeStore>(sp => new SqliteThemeStore(sp.GetRequiredService<SqliteDatabase>()));
            builder.Services.AddSingleton<IRecordStore>(sp => new SqliteRecordStore(sp.GetRequiredService<SqliteDatabase>(), RecordTallies.Of(theme)));
            builder.Services.AddSingleton<IDocumentStore>(sp => new SqliteDocumentStore(sp.GetRequiredService<SqliteDatabase>()));
        }

        builder.Services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<IThemeStore>());
        builder.Services.AddSingleton<Audit.IAuditLog>(sp => sp.GetRequiredService<IThemeStore>());
        builder.Services.AddHostedService<SeedImport>();
        builder.Services.AddHostedService<Messaging.RagTolerances.ThemeTolerancesStartup>();
        builder.Services.AddHostedService<RecordsStartup>();
        builder.Services.AddSingleton<IndicatorCalculator>();
        builder.Services.AddSingleton<RecordIntake>();
        builder.Services.AddSingleton<Features.Dashboard.ThemeDashboard>();

        builder.AddSafeCityBus(theme.Slug, bus => bus.AddConsumer<Messaging.RagTolerances.RagTolerancesSetConsumer, Messaging.RagTolerances.RagTolerancesSetConsumerDefinition>());
        builder.AddSettings<OutboxOptions>(OutboxOptions.Section);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxDispatcher>();

        builder.Services.AddSingleton<ThemePerformance>();
        builder.Services.AddSingleton<JudgingDay>();
        builder.Services.AddSingleton<UpdateActionHandler>();
        builder.Services.AddSingleton<RecordMeasurementHandler>();
        builder.Services.AddSingleton<IComputedFigures>(services => services.GetRequiredService<RecordMeasurementHandler>());
        builder.Services.AddSingleton<Features.PlanStructure.PlanStructureHandler>();
        builder.Services.AddHttpClient(Features.PlanStructure.HttpPlanNumberRegister.ClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<Features.PlanStructure.IPlanNumberRegister, Features.PlanStructure.HttpPlanNumberRegister>();
        builder.Services.AddSingleton<Features.SetTargets.SetTargetsHandler>();
        builder.Services.AddSingleton<Features.RollForwardPlan.RollForwardPlanHandler>();

        builder.Services.AddGrpc(o =>
        {
            o.EnableDetailedErrors = builder.Environment.IsDevelopment();
            o.Interceptors.Add<StoreFaultInterceptor>();
            o.MaxReceiveMessageSize = PlatformLimits.From(builder.Configuration).MaxGrpcMessageKilobytes * 1024;
        });
        builder.Services.AddGrpcReflection();
        return builder;
    }

    public static WebApplication MapThemeService(this WebApplication app)
    {
        var theme = app.Services.GetRequiredService<ThemeDefinition>();
        if (app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.AllowAnonymous)
        {
            app.Logger.LogWarning("Anyone who can reach the {Theme} service may read and change it without signing in (Access:AllowAnonymous is true).", theme.Slug);
        }

        // Pages live under the theme's prefix (/alcohol/...), directly and through the gateway alike.
        app.UsePathBase(theme.PathBase);
        app.UsePlatformWeb();
        // gRPC calls carry their callers' deadlines; a partner's long stream is not a slow page.
        app.MapGrpcService<ActionPlansGrpcService>().DisableRequestTimeout();
        app.MapGrpcService<PartnerRecordsGrpcService>().DisableRequestTimeout();
        app.MapGrpcReflectionService();
        app.MapThemeApi(theme);
        app.MapThemePages(theme);
        app.MapDefaultEndpoints();
        app.MapEventPath();
        return app;
    }
}
