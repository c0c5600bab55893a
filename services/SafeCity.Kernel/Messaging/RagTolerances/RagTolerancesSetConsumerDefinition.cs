namespace SafeCity.Kernel.Messaging.RagTolerances;

/// <summary>Retries and concurrency of <see cref="RagTolerancesSetConsumer"/>: the platform's own (<see cref="RetriedConsumerDefinition{TConsumer}"/>).</summary>
public sealed class RagTolerancesSetConsumerDefinition : RetriedConsumerDefinition<RagTolerancesSetConsumer>;
