using System.Globalization;
using SafeCity.Governance.ReadModel;
using SafeCity.Kernel.Storage.Documents;

namespace SafeCity.Governance.PlanNumbers;

/// <summary>A number given to a theme for a plan it writes.</summary>
public sealed record PlanNumberGrant(int Number, string Theme, string? Title, DateTimeOffset At, string By);

public sealed class PlanNumberException(string message) : Exception(message);

/// <summary>
/// The partnership's register of plan numbers, so that a number names one plan across every theme.
/// Plans 1 to 19 are the published plan's. Paragraph 81 counts 20 action plans and only 19 are printed:
/// the missing one is objective 7c's preparedness for civil emergencies, so 20 is kept for the
/// communities theme's plan for that objective; every other plan a theme writes takes the next
/// number free from 21. A number is given once, by an atomic insert, and never again to another theme.
/// </summary>
public sealed class PlanNumberRegister(IDocumentStore documents, IPerformanceReadModel model, TimeProvider clock)
{
    private const string Collection = "plan-numbers";
    public const int PublishedPlans = 19;
    public const int CivilEmergencies = 20;
    public const string CivilEmergenciesTheme = "communities";
    public const int Highest = 999;

    /// <summary>The number a theme's next plan would be given: 20 for objective 7c in the communities theme while it is free, else the lowest free from 21.</summary>
    public async Task<int> NextAsync(string theme, string? objective, CancellationToken ct)
    {
        var taken = await TakenAsync(ct);
        if (IsCivilEmergencies(theme, objective) && !taken.ContainsKey(CivilEmergencies))
        {
            return CivilEmergencies;
        }

        return Enumerable.Range(CivilEmergencies + 1, Highest - CivilEmergencies).First(n => !taken.ContainsKey(n));
    }

    /// <summary>Gives the number to the theme, unless another theme has it (a theme asking again for its own number is given it again).</summary>
    public async Task<PlanNumberGrant> ReserveAsync(int number, string theme, string? objective, string? title, string by, CancellationToken ct)
    {
        if (number is <= PublishedPlans or > Highest)
        {
            throw new PlanNumberException($"A plan the partnership writes takes a number from {CivilEmergencies} to {Highest}: plans 1 to {PublishedPlans} are the published plan's.");
        }

        if (number == CivilEmergencies && !IsCivilEmergencies(theme, objective))
        {
            throw new PlanNumberException($"Plan {CivilEmergencies} is kept for objective 7c, preparedness for civil emergencies (the plan paragraph 81 counts and the document lacks): choose {await NextAsync(theme, objective, ct)}.");
        }

        var taken = await TakenAsync(ct);
        if (taken.TryGetValue(number, out var holder) && holder != theme)
        {
            throw new PlanNumberException($"Plan {number} is the {holder} theme's: plan numbers are unique across the partnership. The next free is {await NextAsync(theme, objective, ct)}.");
        }

        var grant = new PlanNumberGrant(number, theme, title, clock.GetUtcNow(), by);
        if (!await documents.InsertAsync(Collection, Key(number), grant, ct)
            && await documents.GetAsync<PlanNumberGrant>(Collection, Key(number), ct) is { } held && held.Theme != theme)
        {
            throw new PlanNumberException($"Plan {number} was given to the {held.Theme} theme a moment ago. The next free is {await NextAsync(theme, objective, ct)}.");
        }

        return grant;
    }

    /// <summary>Every number in use or given: the plans governance holds (the published plan's too), and the register's grants.</summary>
    private async Task<Dictionary<int, string>> TakenAsync(CancellationToken ct)
    {
        var taken = new Dictionary<int, string>();
        foreach (var grant in await documents.ListAsync<PlanNumberGrant>(Collection, ct))
        {
            taken[grant.Number] = grant.Theme;
        }

        foreach (var plan in await model.GetPlansAsync(ct))
        {
            taken.TryAdd(plan.Plan.Number, plan.Theme);
        }

        return taken;
    }

    private static bool IsCivilEmergencies(string theme, string? objective) =>
        theme == CivilEmergenciesTheme && string.Equals(objective?.Trim(), "c", StringComparison.OrdinalIgnoreCase);

    private static string Key(int number) => number.ToString("D3", CultureInfo.InvariantCulture);
}
