namespace SafeCity.RecordFiles.PoliceData;

/// <summary>
/// Which theme owns each data.police.uk crime type, and which others count it too. Every type has
/// an owner, because the plan's first expected outcome is a fall in all crime. See
/// docs/police-data.md for the reasons and for categories coarser than an indicator.
/// </summary>
public static class PoliceCrimeTypes
{
    public sealed record Routing(string CrimeType, string Owner, IReadOnlyList<string> AlsoCountedBy, string Why);

    public static IReadOnlyList<Routing> All { get; } =
    [
        new("Anti-social behaviour", "asb-arson", [], "Priority 5, plans 13 and 15."),
        new("Bicycle theft", "acquisitive-crime", [], "Acquisitive crime, though not serious acquisitive crime (NI 16)."),
        new("Burglary", "acquisitive-crime", [], "Serious acquisitive crime; plan 5's burglary rate."),
        new("Criminal damage and arson", "asb-arson", [], "Plan 13's criminal damage and plan 14's arson. It includes arson, which plan 13's stretch target excludes."),
        new("Drugs", "drugs", [], "Priority 6; police.uk does not say which drug class, so NI 38 (Class A) is not computed from it."),
        new("Other crime", "communities", [], "Offences outside every other category (forgery, perjury, other public-order-like offences) fall to the stronger communities priority, which holds the plan's all-crime outcome."),
        new("Other theft", "acquisitive-crime", [], "Acquisitive crime, not serious acquisitive crime."),
        new("Possession of weapons", "violence", [], "Plan 3: serious violence with an emphasis on the carriage of weapons."),
        new("Public order", "asb-arson", [], "Public order offences sit with anti-social behaviour (priority 5)."),
        new("Robbery", "acquisitive-crime", ["violence"], "Serious acquisitive crime (NI 16); robbery is also violence against the person, so the violence theme counts it."),
        new("Shoplifting", "acquisitive-crime", ["asb-arson"], "Acquisitive crime; plan 15 also watches shoplifting outside the city centre."),
        new("Theft from the person", "acquisitive-crime", [], "Plan 5's theft from the person."),
        new("Vehicle crime", "acquisitive-crime", [], "Serious acquisitive crime. It is coarser than plan 5's theft from motor vehicles: it also holds theft of vehicles and interference."),
        new("Violence and sexual offences", "violence", ["alcohol"], "Priority 2; the alcohol theme counts it too for plan 1's night-time-economy violence."),
        // Older files (before about 2013, and before 2011) used coarser categories.
        new("Public disorder and weapons", "violence", ["asb-arson"], "Older files: public disorder and weapons together; the violence theme owns it for the weapons, ASB counts it for the disorder."),
        new("Violent crime", "violence", ["alcohol"], "Files before 2011: violent crime, later split into violence and sexual offences."),
    ];

    private static readonly Dictionary<string, Routing> ByType = All.ToDictionary(r => r.CrimeType, StringComparer.OrdinalIgnoreCase);

    public static Routing? Find(string crimeType) => ByType.GetValueOrDefault(crimeType.Trim());

    /// <summary>The themes that keep a row of this type: the owner first.</summary>
    public static IReadOnlyList<string> ThemesFor(string crimeType) =>
        Find(crimeType) is { } routing ? [routing.Owner, .. routing.AlsoCountedBy] : [];

    /// <summary>The police crime types a theme keeps, as owner or as a theme that counts them too.</summary>
    public static IReadOnlyList<string> KeptBy(string theme) =>
        All.Where(r => r.Owner == theme || r.AlsoCountedBy.Contains(theme)).Select(r => r.CrimeType).ToList();
}
