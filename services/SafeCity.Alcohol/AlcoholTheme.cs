using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;

namespace SafeCity.Alcohol;

/// <summary>Priority 1's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class AlcoholTheme
{
    private AlcoholTheme()
    {
    }

    public const string EmergencyDepartment = "Emergency department assault presentation";
    private const string Violence = "Violence and sexual offences";

    /// <summary>Friday night is Friday 18:00 to Saturday 06:00; Saturday night, Saturday 18:00 to Sunday 06:00.</summary>
    public static bool IsFridayOrSaturdayNight(DateTimeOffset at) => at.DayOfWeek switch
    {
        DayOfWeek.Friday => at.Hour >= 18,
        DayOfWeek.Saturday => at.Hour < 6 || at.Hour >= 18,
        DayOfWeek.Sunday => at.Hour < 6,
        _ => false,
    };

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "alcohol",
        Priority = 1,
        Title = "Reduce alcohol related harm",
        LeadPartnership = "Tackling Alcohol Partnership",
        Assembly = typeof(AlcoholTheme).Assembly,
        RecordCategories =
        [
            new(EmergencyDepartment, "A victim of assault presenting at Southampton General Hospital's emergency department, depersonalised, with the time of arrival."),
            new("Test purchase", "A test purchase of alcohol at licensed premises.", [new("result", "Result", ["pass", "fail"])]),
            new("Licensed premises assessment", "A licensed premises' traffic-light rating and Best Bar None award, at an assessment.",
                [new("rating", "Traffic-light rating", ["red", "amber", "green"]), new("bestBarNone", "Best Bar None award", RecordDetail.YesNo)]),
            new("Alcohol-related crime", "A crime the police flagged as alcohol-related.", [new("licensedPremises", "In or at licensed premises", RecordDetail.YesNo)]),
            new(Violence, "A violent offence from the police records system, with the night-time-economy details.",
            [
                new("licensedPremises", "In or at licensed premises", RecordDetail.YesNo),
                new("sector", "Police sector", ["central", "east", "west"]),
            ]),
            // Appendix B, paragraph 19 (contracts/…/InformationSharing/paragraph-19.json): kinds of information a signatory shares.
            new("Alcohol licence request", "A request for a licence to sell alcohol, as the police are told of it.", [new("premises", "Kind of premises", ["pub or bar", "nightclub", "off-licence", "restaurant", "other"])]),
            new("Alcohol licence", "A licence for alcohol in force: the council's count of licensed premises.", [new("lateNight", "Open after midnight", RecordDetail.YesNo)]),
            new("Late night establishment", "An establishment open late at night, from the council's register."),
            new("Emergency department admission", "An admission through Southampton General Hospital's emergency department, depersonalised, with its time."),
            new("Toxic effect of alcohol", "An admission coded T51, the toxic effect of alcohol."),
            new("Alcohol involvement", "A hospital entry with evidence of alcohol: blood alcohol level (Y90) or levels of intoxication (Y91).", [new("code", "Code", ["Y90", "Y91"])]),
            new("Registered alcohol user", "A person registered with the health services for alcohol dependence, depersonalised."),
        ],
        ComputedMeasures =
        [
            ComputedMeasure.Count("Assault presentations between 18:00 and 09:00", "P1.I1", "Emergency department assault presentations arriving from 18:00 to 08:59, by the hospital's clock.",
                [EmergencyDepartment], r => r.OccurredAt is { } t && (t.Hour >= 18 || t.Hour < 9)),
            ComputedMeasure.Count("Failed test purchases", "P1.I4", "Test purchases at which alcohol was sold when it should not have been.",
                ["Test purchase"], r => r.Attribute("result") == "fail", says: r => r.Attribute("result") is not null),
            ComputedMeasure.Share("Violence in licensed premises", "P1.I6", "Of the violence records that say whether it happened at licensed premises, the percentage that did.",
                [Violence], of: r => r.Attribute("licensedPremises") is not null, that: r => r.Is("licensedPremises")),
            ComputedMeasure.Share("Violence on Friday and Saturday nights in the central sector", "P1.I7",
                "Of the violence records with a date and time, the percentage in the central sector on a Friday or Saturday night (18:00 to 06:00 the next morning).",
                [Violence, "Violent crime"], of: r => r.OccurredAt is not null, that: r => r.Attribute("sector") == "central" && IsFridayOrSaturdayNight(r.OccurredAt!.Value)),
        ],
    };
}
