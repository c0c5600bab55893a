using System.Text.Json;
using SafeCity.Contracts.Events;

namespace SafeCity.Kernel.Outbox;

/// <summary>
/// An integration event waiting in the service's own store to be published. The store gives it its
/// sequence number when it is written; the dispatcher publishes in that order.
/// </summary>
public sealed record OutboxMessage(Guid EventId, string MessageType, string Payload, DateTimeOffset CreatedAt)
{
    public long Sequence { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }

    public static OutboxMessage For<T>(T message, Guid eventId, DateTimeOffset createdAt) where T : class =>
        new(eventId, typeof(T).Name, JsonSerializer.Serialize(message, KernelJson.Options), createdAt);

    public object Deserialize() =>
        JsonSerializer.Deserialize(Payload, IntegrationEvents.Resolve(MessageType), KernelJson.Options)
        ?? throw new InvalidOperationException($"Outbox message {Sequence} has an empty payload.");
}
