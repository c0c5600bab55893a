namespace SafeCity.Governance.Structure;

/// <summary>A box of the Appendix C diagram: a board, the partnership, a priority, a subgroup or the PMG.</summary>
public sealed record GovernanceBody
{
    public required string Name { get; init; }
    /// <summary>The diagram's short label of a priority box, e.g. "Alcohol".</summary>
    public string? Label { get; init; }
    public string? RelatedNameInText { get; init; }
    public string? AbbreviationNote { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<string>? Monitors { get; init; }
    /// <summary>The action plans this body (a subgroup) owns, by number.</summary>
    public IReadOnlyList<int> Plans { get; init; } = [];
    /// <summary>Why it owns what it owns, where the drawing alone does not say.</summary>
    public string? OwnershipNote { get; init; }
    public IReadOnlyList<GovernanceBody> Children { get; init; } = [];

    public IEnumerable<GovernanceBody> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}
