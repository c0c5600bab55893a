using MassTransit;

namespace SafeCity.Kernel.Messaging;

/// <summary>
/// How every consumer of the platform takes its messages: a consumer that fails (its store busy,
/// full, restarting) is tried again in the process, after 0.1, 0.5, 2, 5 and 15 s, before the message
/// is set aside in the queue's "_error" queue (a read model rebuild recovers anything set aside); and
/// at most two messages a core at once, as MassTransit's own default takes them.
/// </summary>
public abstract class RetriedConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected RetriedConsumerDefinition() => ConcurrentMessageLimit = Environment.ProcessorCount * 2;

    public static void Retries(IRetryConfigurator retry) => retry.Intervals(
        TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(Retries);
}
