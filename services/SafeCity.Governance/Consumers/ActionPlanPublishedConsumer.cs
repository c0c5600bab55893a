using MassTransit;
using SafeCity.Contracts.Events;
using SafeCity.Governance.ReadModel;

namespace SafeCity.Governance.Consumers;

public sealed class ActionPlanPublishedConsumer(IPerformanceReadModel model, EventTally tally, ILogger<ActionPlanPublishedConsumer> logger) : IConsumer<ActionPlanPublished>
{
    public async Task Consume(ConsumeContext<ActionPlanPublished> context)
    {
        var applied = await model.ApplyAsync(context.Message, context.CancellationToken);
        tally.Count(nameof(ActionPlanPublished), applied);
        logger.LogDebug("Plan {Plan} of {Theme} revision {Revision}: {Outcome}", context.Message.Plan.Number, context.Message.Theme, context.Message.Revision, applied ? "applied" : "already held");
    }
}
