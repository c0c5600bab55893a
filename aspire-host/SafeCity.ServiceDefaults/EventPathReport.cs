namespace SafeCity.ServiceDefaults;

/// <summary>
/// A service's end of the event path as it sees it now (GET /event-path, inside the platform only):
/// whether its bus is connected to the broker, what waits in its outbox and since when, and how its
/// consumers fare. The gateway's /status and governance's pages read it.
/// </summary>
/// <param name="BrokerConnected">Whether the service's bus is connected to the broker.</param>
/// <param name="BrokerDetail">The bus's own words on its state when it is not connected.</param>
/// <param name="Backlog">Events written to the outbox and not yet taken by the broker.</param>
/// <param name="OldestPendingSince">When the oldest of them was written; null when none waits.</param>
/// <param name="LastPublishError">Why the oldest waiting event was last refused, if it was.</param>
/// <param name="Consumers">How the service's consumers fare since it started.</param>
/// <param name="BrokerNodes">Each node of the broker, as governance (the one service that watches them) sees it; empty elsewhere.</param>
public sealed record EventPathReport(
    bool BrokerConnected,
    string? BrokerDetail,
    int Backlog,
    DateTimeOffset? OldestPendingSince,
    string? LastPublishError,
    ConsumerReport Consumers,
    IReadOnlyList<BrokerNodeState>? BrokerNodes = null)
{
    public const string Path = "/event-path";

    /// <summary>Whether the oldest waiting event has waited longer than <paramref name="after"/> (governance's pages then say so).</summary>
    public bool IsOverdue(DateTimeOffset now, TimeSpan after) => OldestPendingSince is { } since && now - since > after;

    /// <summary>Why the events wait, in the words the pages use (worked out by the reader, not sent).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Reason => BrokerConnected ? "waiting to be delivered" : "the message broker is unavailable";
}

/// <summary>
/// A service's consumers since it started: messages consumed, attempts that failed, messages the
/// broker delivered again, the last failure, and how long events took from the write that raised them
/// to their consumer (over the last <see cref="LagWindow"/> consumed), in milliseconds.
/// </summary>
public sealed record ConsumerReport(long Consumed, long Failures, long Redeliveries, string? LastError, DateTimeOffset? LastErrorAt, double? LagP50Ms, double? LagP95Ms, double? LagP99Ms)
{
    public const int LagWindow = 1000;
}

/// <summary>One node of the broker as governance last saw it: taking connections or not, and since when.</summary>
public sealed record BrokerNodeState(string Address, bool Up, DateTimeOffset Since, string? Detail);
