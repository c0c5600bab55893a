namespace SafeCity.Governance.Sharing;

/// <summary>What a designated officer asking to see a member's details writes down.</summary>
public sealed record DisclosureAsk(string? Subject, string? Summary, string? Grounds, string? Consent, string? OfficerDetails);
