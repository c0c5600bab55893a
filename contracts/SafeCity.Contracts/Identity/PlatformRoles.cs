namespace SafeCity.Contracts.Identity;

/// <summary>
/// The roles of DESIGN.md as the gateway grants them and the services check them (also the values
/// of an OpenID Connect provider's app roles), and the claim that carries a person's name for display.
/// </summary>
public static class PlatformRoles
{
    public const string Administrator = "administrator";
    public const string PerformanceManagementGroup = "pmg";
    public const string DeliveryBoard = "delivery-board";
    public const string Analyst = "analyst";

    /// <summary>
    /// A designated officer of the prolific and priority offender scheme: the only role that sees the
    /// cohort's personal data, and each time only by a recorded disclosure (Appendix B, paragraph 24).
    /// </summary>
    public const string PpoOfficer = "ppo-officer";

    public const string DisplayNameClaim = "display_name";

    /// <summary>The kind of token the caller came with (Person, Partner, Service, Operator).</summary>
    public const string TokenKindClaim = "token_kind";

    /// <summary>An officer of a theme's lead partnership: may change that theme only.</summary>
    public static string OfficerOf(string theme) => "officer:" + theme;

    /// <summary>
    /// The platform's own tools (the import of public data, the demonstration year) signed with the
    /// operator's key: the gateway adds it to the operator alone, and no account or provider may hold it.
    /// It lets a record name the public source it comes from ("data.police.uk").
    /// </summary>
    public const string PlatformOperator = "platform-operator";

    /// <summary>A partner system, signed in as its organisation with the platform's client credentials.</summary>
    public const string PartnerSystem = "partner";

    /// <summary>The organisation a partner system signed in as, by its register id.</summary>
    public static string Organisation(string id) => "organisation:" + id;

    /// <summary>The client credentials a partner system's token was issued to, so that revoking them ends what the token opened.</summary>
    public static string Client(string id) => "client:" + id;

    /// <summary>A category of records the partner's organisation may share under the Information Sharing Agreement.</summary>
    public static string Shares(string category) => "shares:" + category;
}
