using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Features.FindRecords;
using SafeCity.Kernel.Features.ReadAuditTrail;
using SafeCity.Kernel.Features.ReadPlans;
using SafeCity.Kernel.Features.RecordMeasurement;
using SafeCity.Kernel.Features.RollForwardPlan;
using SafeCity.Kernel.Features.SetTargets;
using SafeCity.Kernel.Features.SubmitRecords;
using SafeCity.Kernel.Features.UpdateAction;
using SafeCity.Kernel.Messaging.Publishing;

namespace SafeCity.Kernel.Hosting;

/// <summary>A theme's JSON under /api/{theme}: each feature maps its own endpoints, with their policies, here.</summary>
public static class ThemeApi
{
    public static RouteGroupBuilder MapThemeApi(this IEndpointRouteBuilder app, ThemeDefinition theme)
    {
        var api = app.MapGroup($"/api/{theme.Slug}").WithTags(theme.Slug);
        api.MapReadPlansApi();
        api.MapUpdateActionApi();
        api.MapRecordMeasurementApi();
        api.MapSetTargetsApi();
        api.MapRollForwardPlanApi();
        api.MapThemeStateApi();
        var records = app.MapGroup($"/api/{theme.Slug}/records").WithTags(theme.Slug + " records");
        records.MapFindRecordsApi();
        records.MapSubmitRecordApi();
        app.MapAuditApi(theme);
        return api;
    }
}
