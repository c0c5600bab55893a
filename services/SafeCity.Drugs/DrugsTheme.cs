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
            new("DIP referral", "A drug-misusing offender referred into treatment through the Drug Interventions Programme."),
            new("Drug-related death", "A death the coroner attributes to drug misuse."),
        ],
        ComputedMeasures =
        [
            ComputedMeasure.Count("Drug-related deaths", "P16.I4", "Drug-related deaths recorded.", ["Drug-related death"]),
            ComputedMeasure.Count("DIP referrals", null, "Referrals into treatment through the Drug Interventions Programme.", ["DIP referral"]),
            ComputedMeasure.Count("Drug offences", null, "Police-recorded drug offences (data.police.uk gives no drug class).", ["Drugs"]),
        ],
    };
}
