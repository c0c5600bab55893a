using MassTransit;
using SafeCity.Contracts.Events;
using SafeCity.Governance.ReadModel;

namespace SafeCity.Governance.Consumers;

public sealed class ActionStatusChangedConsumer(IPerformanceReadModel model, EventTally tally, ILogger<ActionStatusChangedConsumer> logger) : IConsumer<ActionStatusChanged>
{
    public async Task Consume(ConsumeContext<ActionStatusChanged> context)
    {
        var applied = await model.ApplyAsync(context.Message, context.CancellationToken);
        tally.Count(nameof(ActionStatusChanged), applied);
        logger.LogDebug("Action {Action} revision {Revision}: {Outcome}", context.Message.ActionId, context.Message.Revision, applied ? "applied" : "already held");
    }
}
