namespace SafeCity.Contracts.Events;

/// <summary>
/// Everything a theme has told governance, as it stands now: each plan as its latest
/// <see cref="ActionPlanPublished"/> (actions included) and each indicator's every period as its
/// latest <see cref="MeasurementRecorded"/>. A theme answers GET /api/{theme}/state with it, and
/// governance rebuilds its read model from the seven answers.
/// </summary>
public sealed record ThemeState
{
    public required string Theme { get; init; }
    public required DateTimeOffset TakenAt { get; init; }
    public required IReadOnlyList<ActionPlanPublished> Plans { get; init; }
    public required IReadOnlyList<MeasurementRecorded> Measurements { get; init; }
    /// <summary>Every revision of every action, oldest first, as the events that told it: how each action stood on any past date (additive).</summary>
    public IReadOnlyList<ActionStatusChanged>? ActionChanges { get; init; }
}
