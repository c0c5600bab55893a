using SafeCity.Kernel.Messaging;

namespace SafeCity.Governance.Consumers;

/// <summary>Retries and concurrency of <see cref="MeasurementRecordedConsumer"/>: the platform's own (<see cref="RetriedConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MeasurementRecordedConsumerDefinition : RetriedConsumerDefinition<MeasurementRecordedConsumer>;
