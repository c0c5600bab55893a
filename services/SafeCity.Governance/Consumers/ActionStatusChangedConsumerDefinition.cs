using SafeCity.Kernel.Messaging;

namespace SafeCity.Governance.Consumers;

/// <summary>Retries and concurrency of <see cref="ActionStatusChangedConsumer"/>: the platform's own (<see cref="RetriedConsumerDefinition{TConsumer}"/>).</summary>
public sealed class ActionStatusChangedConsumerDefinition : RetriedConsumerDefinition<ActionStatusChangedConsumer>;
