using Grpc.Core;
using SafeCity.Contracts.Themes;

namespace SafeCity.Kernel.Grpc;

// Part of ActionPlansGrpcService (Grpc/): the gRPC method lives with the feature it serves.
public sealed partial class ActionPlansGrpcService
{
    public override async Task<ActionPlanList> ListActionPlans(ListActionPlansRequest request, ServerCallContext context)
    {
        var list = new ActionPlanList { Theme = theme.Slug };
        list.Plans.AddRange((await performance.GetPlansAsync(context.CancellationToken)).Select(ToMessage));
        return list;
    }

    public override async Task<MeasurementList> ListMeasurements(ListMeasurementsRequest request, ServerCallContext context)
    {
        var found = await performance.GetIndicatorAsync(request.IndicatorId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"There is no indicator of that id in the {theme.Slug} theme (indicator_id, {request.IndicatorId.Length:N0} characters)."));
        var list = new MeasurementList();
        list.Measurements.AddRange(found.Indicator.Measurements.Select(ToMessage));
        return list;
    }
}
