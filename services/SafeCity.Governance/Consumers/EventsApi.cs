namespace SafeCity.Governance.Consumers;

/// <summary>What the consumers have taken from the bus, for operators and the delivery tests.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", (EventTally tally) => TypedResults.Ok(tally.Snapshot()))
            .WithSummary("Events consumed since governance started, by message: how many changed the model and how many it already held (redelivered or older).");
        api.MapGet("/events/lag", (EventTally tally, DateTimeOffset? since) => TypedResults.Ok(tally.LagSince(since ?? DateTimeOffset.MinValue)))
            .WithSummary("How long measurements took from being recorded in their theme to being applied here (ms): p50, p95, p99, max; since=an ISO time.");
        return api;
    }
}
