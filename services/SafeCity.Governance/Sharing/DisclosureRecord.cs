namespace SafeCity.Governance.Sharing;

/// <summary>
/// A record of disclosure (Appendix B, paragraph 24), one for each step: personal data received,
/// requested, authorised or refused, disclosed, disposed. It holds the date; the subject by pseudonym,
/// with their details sealed under the personal-data key; the designated officer making the request
/// (account, display name, and the post and organisation they gave); a summary; the grounds; with or
/// without consent; and the designated officer dealing with or authorising it. A receipt's authoriser
/// is the sharing organisation's officer, who has no account here.
/// </summary>
/// <remarks>Fields after <see cref="AuthorisingOfficer"/> were added later: older records lack them.</remarks>
public sealed record DisclosureRecord(
    string Id, DateTimeOffset At, string Kind, string Subject, string RequestingOfficer, string Summary, string Grounds, string AuthorisingOfficer,
    string? RequestingAccount = null, string? RequestingOfficerDetails = null, string? AuthorisingAccount = null, string? Consent = null,
    string? SealedSubject = null, string? RequestId = null);
