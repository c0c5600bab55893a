using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;

namespace SafeCity.AsbArson;

/// <summary>Priority 5's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class AsbArsonTheme
{
    private AsbArsonTheme()
    {
    }

    private static readonly RecordDetail[] FireDetails =
    [
        new("fireType", "Fire type", ["primary", "secondary"]),
        new("deliberate", "Deliberate", RecordDetail.YesNo),
        new("vehicle", "Vehicle fire", RecordDetail.YesNo),
    ];

    public const string CriminalDamage = "Criminal damage";

    private static bool Deliberate(PartnerRecord r, string type) => r.Attribute("fireType") == type && r.Is("deliberate");

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "asb-arson",
        Priority = 5,
        Title = "Tackle anti-social behaviour",
        LeadPartnership = "ASB/Respect Partnership with the Criminal Damage and Arson Reduction groups",
        Assembly = typeof(AsbArsonTheme).Assembly,
        RecordCategories =
        [
            new("Fire incident", "A fire attended by Hampshire Fire and Rescue Service, as its Incident Recording System describes it.", FireDetails),
            new("ASB incident", "An anti-social behaviour incident reported to the council."),
            new("CREW week", "A Community Reassurance and Environmental Week: where, and how many agencies took part.", [new("agencies", "Agencies taking part")]),
            // Appendix B, paragraph 19: the police share "Records Management System crime statistics for ... criminal damage".
            new(CriminalDamage, "A criminal damage offence from the police records system, saying whether it was arson.", [new("arson", "Arson", RecordDetail.YesNo)]),
            // Appendix B, paragraph 19 (contracts/…/InformationSharing/paragraph-19.json): kinds of information a signatory shares.
            new("Dwelling fire without a smoke alarm", "A fire in a dwelling the Fire and Rescue Service attended where no smoke alarm was fitted."),
            new("Graffiti removal", "Graffiti or other criminal damage the council removed."),
            new("Derelict or empty property", "A derelict or empty property, an arson risk."),
            new("Out of hours call", "A call to the council's out-of-hours service about nuisance or anti-social behaviour."),
            new("Nuisance complaint", "A residents' complaint of a nuisance household or neighbour, depersonalised."),
            new("Vandalism", "An act of vandalism reported to the council."),
            new("Noise nuisance", "A complaint of noise or other nuisance.", [new("source", "Source", ["domestic", "commercial", "street", "other"])]),
        ],
        ComputedMeasures =
        [
            ComputedMeasure.Count("Criminal damage incidents, without arson", "P13.I1",
                "Criminal damage offences the police records system sends with whether each was arson; arson is left out, as the stretch target says. " +
                "data.police.uk cannot feed this indicator: its category 'Criminal damage and arson' holds arson too and does not tell it apart, so those rows are counted on their own and never here.",
                [CriminalDamage], r => r.Attribute("arson") == "no", says: r => r.Attribute("arson") is not null),
            ComputedMeasure.Count("Criminal damage and arson (data.police.uk)", null,
                "Police-recorded 'Criminal damage and arson' from data.police.uk, arson included: a guide to the trend, not plan 13's stretch target.",
                ["Criminal damage and arson"]),
            ComputedMeasure.Count("Deliberate secondary fires", "P14.I3", "Fire incidents recorded as secondary and deliberate.",
                ["Fire incident"], r => Deliberate(r, "secondary")),
            ComputedMeasure.Count("Deliberate primary fires (excluding vehicles)", "P14.I4", "Fire incidents recorded as primary and deliberate, not in a vehicle.",
                ["Fire incident"], r => Deliberate(r, "primary") && !r.Is("vehicle")),
            ComputedMeasure.Count("Deliberate primary vehicle fires", "P14.I5", "Fire incidents recorded as primary and deliberate, in a vehicle.",
                ["Fire incident"], r => Deliberate(r, "primary") && r.Is("vehicle")),
            ComputedMeasure.Count("Anti-social behaviour", null, "Police-recorded anti-social behaviour incidents (data.police.uk).", ["Anti-social behaviour"]),
        ],
    };
}
