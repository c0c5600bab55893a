namespace SafeCity.Governance.Sharing;

/// <summary>That an authorised request's details were shown: once only.</summary>
public sealed record DisclosureShown(string RequestId, DateTimeOffset At);
