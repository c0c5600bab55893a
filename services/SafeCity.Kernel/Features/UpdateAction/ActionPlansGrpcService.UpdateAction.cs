using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SafeCity.Contracts.Themes;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Features.UpdateAction;

namespace SafeCity.Kernel.Grpc;

// Part of ActionPlansGrpcService (Grpc/): the gRPC method lives with the feature it serves.
public sealed partial class ActionPlansGrpcService
{
    [Authorize(Policy = ThemePolicies.Edit)]
    public override async Task<PlanAction> UpdateAction(UpdateActionRequest request, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var result = await updateAction.HandleAsync(new UpdateActionCommand(request.ActionId, request.Status.ToDomain(), request.Rag.ToDomain(), request.Commentary), ThemeAccess.ActorOf(user), context.CancellationToken);
        return ToMessage(Unwrap(result), performance.Today);
    }
}
