using System.Text.Json;
using SafeCity.Kernel.Outbox;

namespace SafeCity.Kernel.Audit;

/// <summary>
/// One change to a theme, as the audit trail keeps it: who, when, what, and the thing before and
/// after (as the platform's JSON). Written in the same transaction as the change itself.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string? Before, string? After)
{
    public long Sequence { get; init; }

    public static AuditEntry Of<T>(DateTimeOffset at, string actor, string action, string subject, T? before, T? after) where T : class =>
        new(at, actor, action, subject, Json(before), Json(after));

    private static string? Json<T>(T? value) where T : class => value is null ? null : JsonSerializer.Serialize(value, KernelJson.Options);
}

/// <summary>What a write leaves besides the change: the event to publish and the audit entry.</summary>
public sealed record Change(OutboxMessage Event, AuditEntry? Audit)
{
    public static implicit operator Change(OutboxMessage message) => new(message, null);
}

/// <summary>The audit trail of a theme, newest first, for administrators to read and export.</summary>
public interface IAuditLog
{
    Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct);
}
