namespace SafeCity.Governance.Sharing;

/// <summary>Where a request stands, for the page.</summary>
public sealed record DisclosureRequestState(DisclosureRequest Request, DisclosureDecision? Decision, bool Disclosed)
{
    public string Status => Decision is null ? "awaiting authorisation" : !Decision.Authorised ? "refused" : Disclosed ? "disclosed" : "authorised";
}
