using Grpc.Core;
using SafeCity.Contracts.Themes;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Features.UpdateAction;

namespace SafeCity.Kernel.Grpc;

// Part of ActionPlansGrpcService (Grpc/): the gRPC method lives with the feature it serves.
public sealed partial class ActionPlansGrpcService
{
    public override async Task<PlanAction> UpdateAction(UpdateActionRequest request, ServerCallContext context)
    {
        var user = EnsureMayEdit(context);
        var result = await updateAction.HandleAsync(new UpdateActionCommand(request.ActionId, request.Status.ToDomain(), request.Rag.ToDomain(), request.Commentary), ThemeAccess.ActorOf(user), context.CancellationToken);
        return ToMessage(Unwrap(result), performance.Today);
    }
}
