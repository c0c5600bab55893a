namespace SafeCity.Governance.Sharing;

/// <summary>A designated officer's request to see a cohort member's details, awaiting another officer's authorisation.</summary>
public sealed record DisclosureRequest(
    string Id, string Subject, DateTimeOffset RequestedAt, OfficerAccount Requester, string RequesterDetails, string Summary, string Grounds, string Consent);
