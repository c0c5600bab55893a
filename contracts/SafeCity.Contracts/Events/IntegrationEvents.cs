namespace SafeCity.Contracts.Events;

/// <summary>
/// The integration events by name, so an outbox can store an event as (name, JSON) and publish it
/// later as its own type.
/// </summary>
public static class IntegrationEvents
{
    private static readonly Dictionary<string, Type> ByName = new[]
    {
        typeof(MeasurementRecorded),
        typeof(ActionStatusChanged),
        typeof(ActionPlanPublished),
        typeof(RagTolerancesSet),
    }.ToDictionary(t => t.Name);

    public static IReadOnlyCollection<Type> All => ByName.Values;

    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"'{name}' is not an integration event of this platform.");
}
