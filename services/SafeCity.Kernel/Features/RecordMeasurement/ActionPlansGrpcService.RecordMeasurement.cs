using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SafeCity.Contracts.Themes;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Features.RecordMeasurement;

namespace SafeCity.Kernel.Grpc;

// Part of ActionPlansGrpcService (Grpc/): the gRPC method lives with the feature it serves.
public sealed partial class ActionPlansGrpcService
{
    [Authorize(Policy = ThemePolicies.Edit)]
    public override async Task<Measurement> RecordMeasurement(RecordMeasurementRequest request, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var result = await recordMeasurement.HandleAsync(
            new RecordMeasurementCommand(request.IndicatorId, request.Period, request.Value, request.Note), ThemeAccess.ActorOf(user), context.CancellationToken);
        return ToMessage(Unwrap(result));
    }
}
