namespace SafeCity.Governance.Performance.MostSimilarGroup;

/// <summary>A city of the Most Similar Group, by its district (2024 codes, unchanged for these cities since 2009).</summary>
public sealed record FamilyMember(string Name, string District);

/// <summary>Southampton's Most Similar Group ("the family") as paragraph 11 of the plan lists it.</summary>
public static class Family
{
    public const string Home = "Southampton";

    public const string HomeDistrict = "E06000045";

    public static IReadOnlyList<FamilyMember> OfParagraph11 { get; } =
    [
        new("Bristol", "E06000023"), new("Cambridge", "E07000008"), new("Cardiff", "W06000015"), new("Exeter", "E07000041"),
        new("Leicester", "E06000016"), new("Lincoln", "E07000138"), new("Manchester", "E08000003"), new("Newcastle upon Tyne", "E08000021"),
        new("Norwich", "E07000148"), new("Nottingham", "E06000018"), new("Oxford", "E07000178"), new("Portsmouth", "E06000044"),
        new("Plymouth", "E06000026"), new("Reading", "E06000038"), new(Home, HomeDistrict),
    ];
}
