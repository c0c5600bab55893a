namespace SafeCity.Governance.Sharing;

/// <summary>What a designated officer receiving a member's details from a partner writes down.</summary>
public sealed record CohortReceipt(string? Name, string? DateOfBirth, string? Pnc, string? SharedBy, string? SharedByOfficer, string? Grounds, string? Consent, string? OfficerDetails);
