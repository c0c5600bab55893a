namespace SafeCity.Governance.Performance;

/// <param name="AsOf">When governance last heard from the theme's service, while it cannot reach it.</param>
public sealed record ThemeSourceDto(string State, DateTimeOffset? AsOf, string? Note);
