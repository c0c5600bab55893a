namespace SafeCity.Governance.Sharing;

/// <summary>Another designated officer's decision on a request: made once, never changed.</summary>
public sealed record DisclosureDecision(string RequestId, bool Authorised, OfficerAccount Authoriser, DateTimeOffset At, string? Reason);
