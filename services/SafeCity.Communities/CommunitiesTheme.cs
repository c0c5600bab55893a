using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;

namespace SafeCity.Communities;

/// <summary>Priority 7's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class CommunitiesTheme
{
    private CommunitiesTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "communities",
        Priority = 7,
        Title = "Foster stronger communities",
        LeadPartnership = "Southampton Communities and Renewal Partnership and the Local Resilience Forum",
        Assembly = typeof(CommunitiesTheme).Assembly,
        // Objective 7c has no action plan in the published plan (seed EXTRACTION-NOTES.md, item 23): the partnership writes it here.
        ObjectivesWithoutPlans = [("c", "Preparedness for civil emergencies")],
        RecordCategories =
        [
            new("Hate crime report", "A hate crime or hate incident reported to any partner, third-party reporting centres included.",
                [new("motivation", "Motivation", ["race", "religion", "sexual orientation", "disability", "transgender", "other"])]),
            new("HMO licence", "A mandatory licence issued for a house in multiple occupation."),
            new("Neighbourhood Watch scheme", "A Neighbourhood Watch scheme set up, with the households it covers.", [new("households", "Households covered")]),
            new("Emergency plan", "A partner's emergency plan, and whether it was tested this year.", [new("tested", "Tested", RecordDetail.YesNo)]),
            // Appendix B, paragraph 19 (contracts/…/InformationSharing/paragraph-19.json): kinds of information a signatory shares.
            new("Transport incident", "An incident on or about public transport the police attended."),
            new("Public safety and welfare incident", "A public safety or welfare incident, as the National Incident Category list (2007/08) names it.", [new("incidentCategory", "National incident category")]),
            new("Road traffic collision", "A road traffic collision, with the adults and children killed or injured in it.",
            [
                new("adultsKilled", "Adults killed"), new("childrenKilled", "Children killed"),
                new("adultsSeriouslyInjured", "Adults seriously injured"), new("childrenSeriouslyInjured", "Children seriously injured"),
                new("adultsSlightlyInjured", "Adults slightly injured"), new("childrenSlightlyInjured", "Children slightly injured"),
            ]),
            new("Mental illness outpatient first attendance", "A first outpatient attendance for mental illness, depersonalised."),
            new("Council tenancy turnover", "A council tenancy ended or begun: the turnover of council tenants.", [new("change", "Change", ["ended", "begun"])]),
            new("Population estimate", "An estimate of the population of an area, with its source.", [new("population", "Population"), new("estimateSource", "Source")]),
        ],
        ComputedMeasures =
        [
            ComputedMeasure.Count("Hate crime reports", "P18.I6", "Hate crime reports received by any partner.", ["Hate crime report"]),
            ComputedMeasure.Count("HMO licences issued", null, "Mandatory HMO licences issued.", ["HMO licence"]),
            ComputedMeasure.Count("Neighbourhood Watch schemes started", null, "Neighbourhood Watch schemes set up.", ["Neighbourhood Watch scheme"]),
            ComputedMeasure.Count("Other crime", null, "Police-recorded 'Other crime' (data.police.uk), which the plan's all-crime outcome counts.", ["Other crime"]),
        ],
    };
}
