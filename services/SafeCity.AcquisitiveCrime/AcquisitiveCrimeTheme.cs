using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;

namespace SafeCity.AcquisitiveCrime;

/// <summary>Priority 3's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class AcquisitiveCrimeTheme
{
    private AcquisitiveCrimeTheme()
    {
    }

    /// <summary>Southampton's population as the plan gives it (seed paragraph 1: 228,000).</summary>
    public const int Population = 228_000;

    public static readonly string[] SeriousAcquisitiveCrime = ["Burglary", "Vehicle crime", "Robbery"];

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "acquisitive-crime",
        Priority = 3,
        Title = "Reduce serious acquisitive crime and re-offending by prolific and other priority offenders",
        LeadPartnership = "Safers Group and the PPO Project Group",
        Assembly = typeof(AcquisitiveCrimeTheme).Assembly,
        RecordCategories =
        [
            new("Vehicle crime", "Vehicle crime from the police records system, with its kind.",
                [new("subtype", "Kind", ["theft from a motor vehicle", "theft of a motor vehicle", "interference"])]),
            // Appendix B, paragraph 19 (contracts/…/InformationSharing/paragraph-19.json): kinds of information a signatory shares.
            new("Fraud and forgery", "Fraud and forgery from the police records system: paragraph 19's crime statistics name them (data.police.uk's street files do not hold them).", []),
            new("Re-housed homeless victim or offender", "A homeless victim or offender re-housed by the council, depersonalised: prolific offenders' resettlement.", [new("offender", "An offender", RecordDetail.YesNo)]),
        ],
        ComputedMeasures =
        [
            ComputedMeasure.RatePer1000("Serious acquisitive crime rate", "P5.I1", "Burglary, vehicle crime and robbery recorded by the police, per 1,000 residents.",
                SeriousAcquisitiveCrime, Population),
            ComputedMeasure.Count("Serious acquisitive crime", null, "Burglary + vehicle crime + robbery recorded by the police.", SeriousAcquisitiveCrime),
            ComputedMeasure.Count("Theft from motor vehicles", "P5.I2",
                "Vehicle crime records marked as theft from a motor vehicle. data.police.uk's 'Vehicle crime' is coarser (it also holds thefts of vehicles), so its rows do not count here.",
                ["Vehicle crime"], r => r.Attribute("subtype") == "theft from a motor vehicle", says: r => r.Attribute("subtype") is not null),
            ComputedMeasure.Count("Burglary", "P5.I3", "Burglary recorded by the police.", ["Burglary"]),
            ComputedMeasure.Count("Theft from the person", "P5.I4", "Theft from the person recorded by the police.", ["Theft from the person"]),
        ],
    };
}
