namespace SafeCity.Governance.Performance.MostSimilarGroup.EditTheFamily;

/// <summary>
/// The family as the PMG set it, from a month on (<see cref="From"/>, yyyy-MM; empty for version 1,
/// paragraph 11's, which applies from the start), with who changed it, when and why.
/// </summary>
public sealed record FamilyVersion(int Version, string From, IReadOnlyList<FamilyMember> Members, DateTimeOffset ChangedAt, string ChangedBy, string Why)
{
    public static FamilyVersion OfParagraph11 { get; } = new(1, "", Family.OfParagraph11, DateTimeOffset.UnixEpoch, "the plan",
        "Paragraph 11 of the Safe City Partnership Plan 2008–2011 names Southampton's Most Similar Group.");

    /// <summary>Whether this version applies to a period starting in <paramref name="month"/> (yyyy-MM).</summary>
    public bool AppliesFrom(string month) => string.CompareOrdinal(From, month) <= 0;
}
