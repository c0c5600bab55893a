using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;

namespace SafeCity.Drugs;

/// <summary>Priority 6's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class DrugsTheme
{
    private DrugsTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "drugs",
        Priority = 6,
        Title = "Tackle drug related harm",
        LeadPartnership = "Drug Action Team",
        Assembly = typeof(DrugsTheme).Assembly,
        RecordCategories =
        [
            new("Treatment episode", "An adult or young person starting drug treatment, and whether they stayed 12 weeks or more.",
                [new("retained12Weeks", "Retained for 12 weeks or more", RecordDetail.YesNo)]),
            new("DIP referral", "A drug-misusing offender referred into treatment through the Drug Interventions Programme."),
            new("Class A offence", "An offence the police link to Class A drugs."),
            new("Drug-related death", "A death the coroner attributes to drug misuse."),
            // Appendix B, paragraph 19 (contracts/…/InformationSharing/paragraph-19.json): kinds of information a signatory shares.
            new("Psychoactive substance admission", "An admission for mental and behavioural disorders due to psychoactive substance use (F10 to F19)."),
            new("Registered drug user", "A person registered with the health services as a drug user, depersonalised."),
        ],
        ComputedMeasures =
        [
            ComputedMeasure.Count("Drug-related deaths", "P16.I4", "Drug-related deaths recorded.", ["Drug-related death"]),
            ComputedMeasure.Share("Retained in treatment for 12 weeks or more", "P16.I3", "Of treatment episodes whose retention is known, the percentage retained for 12 weeks or more.",
                ["Treatment episode"], of: r => r.Attribute("retained12Weeks") is not null, that: r => r.Is("retained12Weeks")),
            ComputedMeasure.Count("Treatment starts", null, "Adults and young people starting drug treatment.", ["Treatment episode"]),
            ComputedMeasure.Count("Class A offences", null, "Offences the police link to Class A drugs.", ["Class A offence"]),
            ComputedMeasure.Count("DIP referrals", null, "Referrals into treatment through the Drug Interventions Programme.", ["DIP referral"]),
            ComputedMeasure.Count("Drug offences", null, "Police-recorded drug offences (data.police.uk gives no drug class).", ["Drugs"]),
        ],
    };
}
