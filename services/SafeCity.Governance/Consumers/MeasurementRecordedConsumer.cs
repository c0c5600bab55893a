using MassTransit;
using SafeCity.Contracts.Events;
using SafeCity.Governance.Performance;
using SafeCity.Governance.ReadModel;

namespace SafeCity.Governance.Consumers;

public sealed class MeasurementRecordedConsumer(IPerformanceReadModel model, IndicatorUpdates updates, EventTally tally, TimeProvider clock, ILogger<MeasurementRecordedConsumer> logger) : IConsumer<MeasurementRecorded>
{
    public async Task Consume(ConsumeContext<MeasurementRecorded> context)
    {
        var applied = await model.ApplyAsync(context.Message, context.CancellationToken);
        tally.Count(nameof(MeasurementRecorded), applied);
        if (applied)
        {
            tally.Lag(context.Message.RecordedAt, clock.GetUtcNow());
            updates.Changed(context.Message.Theme, context.Message.IndicatorId);
        }

        logger.LogDebug("Indicator {Indicator} {Period} revision {Revision}: {Outcome}", context.Message.IndicatorId, context.Message.Period, context.Message.Revision, applied ? "applied" : "already held");
    }
}
