namespace SafeCity.Governance.Sharing;

/// <summary>A reported breach of the Information Sharing Agreement, its four steps and its outcome.</summary>
public sealed record Breach(
    string Id,
    DateOnly IdentifiedOn,
    string AllegedBy,
    string InBreach,
    string Description,
    IReadOnlyList<BreachStep> Steps,
    string? Outcome,
    DateTimeOffset ReportedAt,
    string ReportedBy);
