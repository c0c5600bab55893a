using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.ServiceDefaults;

namespace SafeCity.Governance.Sharing;

/// <summary>Where a request stands, for the page.</summary>
public sealed record DisclosureRequestState(DisclosureRequest Request, DisclosureDecision? Decision, bool Disclosed)
{
    public string Status => Decision is null ? "awaiting authorisation" : !Decision.Authorised ? "refused" : Disclosed ? "disclosed" : "authorised";
}
