namespace SafeCity.Governance.Sharing;

/// <summary>A member of the prolific and priority offender cohort as stored: a pseudonym, and their details encrypted.</summary>
public sealed record CohortMember(string Pseudonym, string SharedBy, DateOnly AddedOn, string AddedBy, string Sealed);
