using MassTransit;
using SafeCity.Contracts.Events;
using SafeCity.Governance.Performance;
using SafeCity.Governance.ReadModel;

namespace SafeCity.Governance.Consumers;

// Each consumer hands its event to the read model, which keeps it only if it is newer than what it
// holds: redelivery and reordering change nothing.

public sealed class ActionPlanPublishedConsumer(IPerformanceReadModel model, ILogger<ActionPlanPublishedConsumer> logger) : IConsumer<ActionPlanPublished>
{
    public async Task Consume(ConsumeContext<ActionPlanPublished> context)
    {
        var applied = await model.ApplyAsync(context.Message, context.CancellationToken);
        logger.LogDebug("Plan {Plan} of {Theme} revision {Revision}: {Outcome}", context.Message.Plan.Number, context.Message.Theme, context.Message.Revision, applied ? "applied" : "already held");
    }
}

public sealed class ActionStatusChangedConsumer(IPerformanceReadModel model, ILogger<ActionStatusChangedConsumer> logger) : IConsumer<ActionStatusChanged>
{
    public async Task Consume(ConsumeContext<ActionStatusChanged> context)
    {
        var applied = await model.ApplyAsync(context.Message, context.CancellationToken);
        logger.LogDebug("Action {Action} revision {Revision}: {Outcome}", context.Message.ActionId, context.Message.Revision, applied ? "applied" : "already held");
    }
}

public sealed class MeasurementRecordedConsumer(IPerformanceReadModel model, IndicatorUpdates updates, ILogger<MeasurementRecordedConsumer> logger) : IConsumer<MeasurementRecorded>
{
    public async Task Consume(ConsumeContext<MeasurementRecorded> context)
    {
        var applied = await model.ApplyAsync(context.Message, context.CancellationToken);
        if (applied)
        {
            updates.Changed(context.Message.Theme, context.Message.IndicatorId);
        }

        logger.LogDebug("Indicator {Indicator} {Period} revision {Revision}: {Outcome}", context.Message.IndicatorId, context.Message.Period, context.Message.Revision, applied ? "applied" : "already held");
    }
}
