namespace SafeCity.Contracts.Themes;

/// <summary>
/// The seven theme services, written once: the gateway, the AppHost, the local runner and the tests
/// read them here. (Project files still name each project they build.)
/// </summary>
public static class PartnershipThemes
{
    public static IReadOnlyList<PartnershipTheme> All { get; } =
    [
        new("alcohol", "Alcohol", 1),
        new("violence", "Violence", 2),
        new("acquisitive-crime", "AcquisitiveCrime", 3),
        new("youth", "Youth", 4),
        new("asb-arson", "AsbArson", 5),
        new("drugs", "Drugs", 6),
        new("communities", "Communities", 7),
    ];

    public static IReadOnlyList<string> Slugs { get; } = [.. All.Select(t => t.Slug)];
}
