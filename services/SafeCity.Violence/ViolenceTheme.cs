using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;

namespace SafeCity.Violence;

/// <summary>Priority 2's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class ViolenceTheme
{
    private ViolenceTheme()
    {
    }

    public const string Violence = "Violence and sexual offences";

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "violence",
        Priority = 2,
        Title = "Reduce violent crime",
        LeadPartnership = "Violent Crime Sub Group and the Southampton Domestic Violence Forum",
        Assembly = typeof(ViolenceTheme).Assembly,
        RecordCategories =
        [
            new(Violence, "A violent or sexual offence from the police records system, with the details the partnership analyses.",
            [
                new("offence", "Offence", ["common assault", "wounding", "sexual offence", "other violence"]),
                new("weapon", "Weapon involved", RecordDetail.YesNo),
                new("publicPlace", "In a public place", RecordDetail.YesNo),
                new("domestic", "Domestic", RecordDetail.YesNo),
            ]),
            new("IDVA referral", "A victim of domestic violence referred to the Independent Domestic Violence Advisors."),
            new("MARAC case", "A case heard at the Multi-Agency Risk Assessment Conference."),
            // Appendix B, paragraph 19 (contracts/…/InformationSharing/paragraph-19.json): kinds of information a signatory shares.
            new("Domestic violence incident", "A domestic violence incident the council knows of, reported to it or identified by it."),
            new("Violence against fire service staff", "Violence against an employee of the Fire and Rescue Authority.", [new("onDuty", "On duty at an incident", RecordDetail.YesNo)]),
            new("Ambulance call to crime and disorder", "An ambulance called to an incident of crime or disorder."),
            new("Hospital admission for domestic abuse", "An admission to hospital in respect of domestic abuse, depersonalised."),
        ],
        ComputedMeasures =
        [
            ComputedMeasure.Count("Common assaults", "P3.I7", "Violence records whose offence is common assault (from the police feed; data.police.uk does not say).",
                [Violence], r => r.Attribute("offence") == "common assault", says: r => r.Attribute("offence") is not null),
            ComputedMeasure.Count("Woundings", "P3.I8", "Violence records whose offence is wounding.",
                [Violence], r => r.Attribute("offence") == "wounding", says: r => r.Attribute("offence") is not null),
            ComputedMeasure.Share("Violent crime in a public place", "P3.I6", "Of the violence records that say whether the place was public, the percentage that were.",
                [Violence], of: r => r.Attribute("publicPlace") is not null, that: r => r.Is("publicPlace")),
            ComputedMeasure.Count("IDVA referrals", "P4.I5", "Referrals to the IDVA service.", ["IDVA referral"]),
            ComputedMeasure.Count("Violence and sexual offences", null, "Police-recorded violence and sexual offences (data.police.uk; 'Violent crime' in files before 2011).", [Violence, "Violent crime"]),
            ComputedMeasure.Count("Possession of weapons", null, "Police-recorded possession of weapons offences.", ["Possession of weapons"]),
        ],
    };
}
