namespace SafeCity.Governance.Sharing;

/// <summary>The grounds paragraph 17b of Appendix B gives for disclosure in the public interest.</summary>
public static class DisclosureGrounds
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Administration of justice", "Maintaining public safety", "Apprehending offenders", "Preventing crime and disorder", "Detecting crime",
        "Protecting vulnerable members of the community",
    ];
}
