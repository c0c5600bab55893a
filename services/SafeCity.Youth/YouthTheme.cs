using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;

namespace SafeCity.Youth;

/// <summary>Priority 4's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class YouthTheme
{
    private YouthTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "youth",
        Priority = 4,
        Title = "Improve children and young people’s safety",
        LeadPartnership = "Children’s Trust",
        Assembly = typeof(YouthTheme).Assembly,
        RecordCategories =
        [
            new("First-time entrant", "A young person aged 10 to 17 entering the youth justice system for the first time (from the Youth Offending Team, depersonalised)."),
            new("Re-offence", "A proven re-offence by a young person in the YOT cohort.", [new("custodialSentence", "Custodial sentence", RecordDetail.YesNo)]),
            new("Positive activity", "A young person's session in a positive activity, with whether it led to an accredited outcome.", [new("accredited", "Accredited outcome", RecordDetail.YesNo)]),
            new("School exclusion", "An exclusion from school.",
                [new("type", "Type", ["fixed term", "permanent"]), new("substanceMisuse", "Due to substance misuse", RecordDetail.YesNo)]),
            // Appendix B, paragraph 19 (contracts/…/InformationSharing/paragraph-19.json): kinds of information a signatory shares.
            new("Non-attendance at school", "Truancy or another absence from school without leave.", [new("kind", "Kind", ["truancy", "other unauthorised absence"])]),
            new("Child at risk", "A child the council's children's services record as at risk, depersonalised."),
        ],
        ComputedMeasures =
        [
            ComputedMeasure.Count("First-time entrants", "P8.I1", "First-time entrants to the youth justice system recorded by the YOT.", ["First-time entrant"]),
            ComputedMeasure.Count("Accredited outcomes through the Youth Service", "P11.I2", "Positive activity records with an accredited outcome.",
                ["Positive activity"], r => r.Is("accredited"), says: r => r.Attribute("accredited") is not null),
            ComputedMeasure.Count("Proven re-offences", null, "Proven re-offences by young people in the YOT cohort.", ["Re-offence"]),
            ComputedMeasure.Count("Exclusions due to substance misuse", "P10.I2", "School exclusions recorded as due to substance misuse.",
                ["School exclusion"], r => r.Is("substanceMisuse"), says: r => r.Attribute("substanceMisuse") is not null),
        ],
    };
}
