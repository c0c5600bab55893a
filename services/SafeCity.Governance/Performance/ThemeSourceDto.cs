namespace SafeCity.Governance.Performance;

/// <param name="State">"available"; "unavailable" while governance cannot reach the theme's service; "pending" while the theme's events wait in its outbox past a minute.</param>
/// <param name="AsOf">When governance last heard from the theme's service while it cannot reach it; when the oldest waiting event was written while they are pending.</param>
public sealed record ThemeSourceDto(string State, DateTimeOffset? AsOf, string? Note);
