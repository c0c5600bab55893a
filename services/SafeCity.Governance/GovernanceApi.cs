using SafeCity.Governance.Attention;
using SafeCity.Governance.Consumers;
using SafeCity.Governance.DeliveryBoard.ExpectedOutcomes;
using SafeCity.Governance.DeliveryBoard.Report;
using SafeCity.Governance.Holdings;
using SafeCity.Governance.MyWork;
using SafeCity.Governance.Performance;
using SafeCity.Governance.Performance.MostSimilarGroup;
using SafeCity.Governance.Performance.SetTolerances;
using SafeCity.Governance.PlanNumbers;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.Pmg.Subgroups;
using SafeCity.Governance.Rebuild;
using SafeCity.Governance.Sharing;

namespace SafeCity.Governance;

/// <summary>Governance's JSON under /api/governance: each feature maps its own endpoints, with their policies, here.</summary>
public static class GovernanceApi
{
    public static RouteGroupBuilder MapGovernanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/governance").WithTags("governance");
        api.MapPerformanceApi();
        api.MapAttentionApi();
        api.MapDeliveryBoardReportApi();
        api.MapDisclosureLogApi();
        api.MapEventsApi();
        api.MapPlanNumbersApi();
        api.MapMyWork();
        api.MapPmgApi();
        api.MapMostSimilarGroupApi();
        api.MapSubgroupsApi();
        api.MapExpectedOutcomesApi();
        api.MapTolerancesApi();
        api.MapRebuildApi();
        api.MapHoldingsApi();
        return api;
    }
}
