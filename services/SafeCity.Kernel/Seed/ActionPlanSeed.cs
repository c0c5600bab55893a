using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Seed;

/// <summary>
/// Reads a theme's action plans from its copy of the plan extraction. Ids are stable across starts:
/// "P1.I3" is plan 1's third indicator, "P1.A5" its fifth action.
/// </summary>
public static partial class ActionPlanSeed
{
    public static string IndicatorId(int plan, int ordinal) => string.Create(CultureInfo.InvariantCulture, $"P{plan}.I{ordinal}");

    public static string ActionId(int plan, int ordinal) => string.Create(CultureInfo.InvariantCulture, $"P{plan}.A{ordinal}");

    /// <param name="plansJson">A JSON array of plans in the extraction's shape.</param>
    /// <param name="profilesJson">Optional: indicator id → unit, polarity and frequency, with their sources.</param>
    /// <param name="timingsJson">Optional: action id → when the plan's own words say it is due.</param>
    public static IReadOnlyList<ActionPlan> Read(string plansJson, string? profilesJson = null, string? timingsJson = null)
    {
        var plans = JsonSerializer.Deserialize<List<SeedPlan>>(plansJson, KernelJson.Options)
            ?? throw new InvalidDataException("The seed file holds no plans.");
        var profiles = string.IsNullOrWhiteSpace(profilesJson)
            ? []
            : JsonSerializer.Deserialize<Dictionary<string, IndicatorProfile>>(profilesJson, KernelJson.Options) ?? [];
        var unknown = profiles.Keys.Except(plans.SelectMany(p => p.Indicators.Select((_, i) => IndicatorId(p.Number, i + 1)))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"Indicator profiles name indicators the plans do not have: {string.Join(", ", unknown)}.");
        }

        var timings = string.IsNullOrWhiteSpace(timingsJson)
            ? []
            : JsonSerializer.Deserialize<Dictionary<string, ActionTiming>>(timingsJson, KernelJson.Options) ?? [];
        var unknownActions = timings.Keys.Except(plans.SelectMany(p => p.Actions.Select((_, i) => ActionId(p.Number, i + 1)))).ToList();
        if (unknownActions.Count > 0)
        {
            throw new InvalidDataException($"Action timings name actions the plans do not have: {string.Join(", ", unknownActions)}.");
        }

        return plans.Select(p => ToPlan(p, profiles, timings)).ToList();
    }

    public const string PlansResource = "seed/action-plans.json";
    public const string ProfilesResource = "seed/indicator-profiles.json";
    public const string TimingsResource = "seed/action-timings.json";

    /// <summary>An action whose row gives no time is due by the end of the year the Business Plan delivers.</summary>
    public static readonly ActionDue BusinessPlanYear = new(new DateOnly(2009, 3, 31), null,
        Paragraph81 + ": the Business Plan says how the strategy is delivered in 2008/09, and this action's row gives no time of its own.");

    // How the due dates the seed gives begin, so that a later seed knows them from those people set.
    private const string Paragraph81 = "Paragraph 81";
    private const string PlanWords = "The plan's words";

    /// <summary>Whether a due date is one the seed gave (the plan's words, or the Business Plan's year), not one a person set or a carry-over made.</summary>
    public static bool SeedGave(ActionDue due) =>
        due.Source.StartsWith(Paragraph81, StringComparison.Ordinal) || due.Source.StartsWith(PlanWords, StringComparison.Ordinal);

    /// <summary>The plans a theme's assembly carries (see services/Directory.Build.props).</summary>
    public static IReadOnlyList<ActionPlan> ReadFrom(Assembly assembly) =>
        Read(EmbeddedText(assembly, PlansResource) ?? throw new InvalidDataException($"{assembly.GetName().Name} carries no {PlansResource}."),
            EmbeddedText(assembly, ProfilesResource), EmbeddedText(assembly, TimingsResource));

    public static string? EmbeddedText(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ActionPlan ToPlan(SeedPlan seed, IReadOnlyDictionary<string, IndicatorProfile> profiles, IReadOnlyDictionary<string, ActionTiming> timings)
    {
        var targetYear = TargetYear(seed.IndicatorColumns?.Target);
        return new ActionPlan
        {
            Number = seed.Number,
            Priority = seed.Priority,
            Objective = seed.PriorityObjective,
            Title = seed.Title,
            Aims = seed.Aims ?? [],
            LeadPartner = seed.LeadPartner,
            KeyPartnerships = seed.KeyPartnerships,
            LeadManager = seed.LeadManager,
            Evidence = seed.Evidence,
            Investigate = seed.Investigate ?? [],
            Aspirational = seed.Aspirational ?? [],
            RelatedPlans = seed.RelatedPlans ?? [],
            ActionsPreamble = seed.ActionsPreamble,
            OtherSuggestions = seed.OtherSuggestions ?? [],
            ExtractionNotes = seed.Notes ?? [],
            BaselineColumn = seed.IndicatorColumns?.Baseline,
            TargetColumn = seed.IndicatorColumns?.Target,
            Indicators = seed.Indicators.Select((i, n) => ToIndicator(i, IndicatorId(seed.Number, n + 1), targetYear, profiles)).ToList(),
            Actions = seed.Actions.Select((a, n) =>
            {
                var id = ActionId(seed.Number, n + 1);
                var timing = timings.GetValueOrDefault(id);
                return new PlanAction
                {
                    Id = id,
                    PlanNumber = seed.Number,
                    Theme = a.Theme,
                    Description = a.Description,
                    Bullets = a.Bullets,
                    Responsible = a.Responsible,
                    Resources = a.Resources,
                    Note = a.Note,
                    Due = DueOf(timing),
                    NeverDue = timing?.NotAnAction is { } why ? string.Create(CultureInfo.InvariantCulture, $"{why} (line {timing.Line}): never due.") : null,
                };
            }).ToList(),
        };
    }

    /// <summary>An action's due date from its row's words; the Business Plan's year where it gives none; none for a row that is no action.</summary>
    private static ActionDue? DueOf(ActionTiming? timing) => timing switch
    {
        null => BusinessPlanYear,
        { NotAnAction: not null } => null,
        _ => new ActionDue(
            timing.Date ?? throw new InvalidDataException($"The timing at line {timing.Line} gives no date, yet does not say its row is no action."),
            timing.AsWritten,
            string.Create(CultureInfo.InvariantCulture, $"{PlanWords}, line {timing.Line}{(timing.Reading is { } r ? ": " + r : "")}."))
        {
            Milestones = timing.Milestones is { Count: > 0 } m ? m : null,
        },
    };

    private static PerformanceIndicator ToIndicator(SeedIndicator seed, string id, string? targetYear, IReadOnlyDictionary<string, IndicatorProfile> profiles)
    {
        profiles.TryGetValue(id, out var profile);
        if (profile?.Target is { AsWritten: { } stated } reading)
        {
            seed = seed with { Target = new SeedTarget(stated, reading.Value, reading.Unit, null, null) };
        }

        // A target is a figure. A cell of words alone ("TBA", "To be confirmed", "N/A as LA targets are not
        // set any longer", "See note") sets none: the indicator is not rated and is on the PMG's list.
        var hasTarget = seed.Target.Value is not null || seed.Target.WithStretch is not null;
        if (hasTarget && targetYear is null)
        {
            throw new InvalidDataException($"Indicator {id} has a target but its plan's target column names no year.");
        }

        return new PerformanceIndicator
        {
            Id = id,
            Code = seed.Code,
            CodeAsWritten = seed.CodeAsWritten,
            OtherCode = seed.OtherCode,
            Name = seed.Name,
            Category = seed.Category,
            Label = seed.Label,
            Group = seed.Group,
            Unit = Parse(profile?.Unit, seed.Baseline.Unit == "%" || seed.Target.Unit == "%" ? IndicatorUnit.Percentage : IndicatorUnit.Count, id),
            Polarity = Parse(profile?.Polarity, DefaultPolarity(seed.Name), id),
            Frequency = Parse(profile?.Frequency, ReportingFrequency.Quarterly, id),
            Baseline = new Baseline(seed.Baseline.AsWritten, seed.Baseline.Value, seed.Baseline.Unit, seed.Baseline.Period, seed.Baseline.PeriodSource)
            {
                Series = seed.Baseline.Series?.Select(f => new BaselineFigure(f.Period, f.Group, f.Type, f.Value)).ToList(),
                Count = seed.Baseline.Count,
            },
            Targets = hasTarget ? [PrintedTarget(seed, targetYear!, profile?.Target)] : [],
            Notes = seed.Notes,
            TargetAsPrinted = hasTarget ? null : seed.Target.AsWritten,
            Sources = profile?.Sources,
            HeldBy = profile?.HeldBy,
            Stock = profile?.Stock,
            SourceLines = seed.SourceLines,
        };
    }

    /// <summary>
    /// The target as printed. "Reduce by .75%" is a change on the baseline's year; "5% reduction on the
    /// 2007/08 figures" and "by 5% by 2008/09 on 2005/06 baseline" name their own base year; "An
    /// additional 95 licences" is the 95 to be added.
    /// </summary>
    private static YearTarget PrintedTarget(SeedIndicator seed, string year, TargetReading? reading)
    {
        var t = seed.Target;
        var change = t.Unit switch
        {
            "% reduction" => -t.Value,
            "% increase" => t.Value,
            _ => null,
        };
        var baseYear = change is null ? null
            : BaseYearWords().Match(t.AsWritten ?? "") is { Success: true } m ? ReportingPeriod.Parse(m.Groups["year"].Value).ToString()
            : seed.Baseline.Period;
        return new YearTarget(year, t.AsWritten, change is null ? t.Value : null, t.Unit, t.WithStretch, t.WithoutStretch)
        {
            ChangePercent = change,
            BaseYear = baseYear,
            Source = TargetSource.InThePlan(reading?.Line ?? (seed.SourceLines is [var first, ..] ? first : null), reading?.Reading),
        };
    }

    /// <summary>The plan is about reducing crime and harm; an indicator is higher-is-better only where its name says so.</summary>
    public static Polarity DefaultPolarity(string name) =>
        IncreaseWords().IsMatch(name) ? Polarity.HigherIsBetter : Polarity.LowerIsBetter;

    /// <summary>"Target (March 2009)" → "2008/09", the financial year that ends then.</summary>
    public static string? TargetYear(string? column)
    {
        var match = column is null ? null : MonthYear().Match(column);
        if (match is null || !match.Success)
        {
            return null;
        }

        var month = DateTime.ParseExact(match.Groups["month"].Value, "MMMM", CultureInfo.InvariantCulture).Month;
        var day = new DateOnly(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), month, 1);
        return ReportingPeriod.OfFinancialYear(ReportingPeriod.FinancialYearStarting(day)).ToString();
    }

    private static T Parse<T>(string? text, T fallback, string id) where T : struct, Enum =>
        text is null ? fallback
        : Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value
        : throw new InvalidDataException($"Indicator profile {id}: '{text}' is not a {typeof(T).Name} ({string.Join(", ", Enum.GetNames<T>())}).");

    [GeneratedRegex(@"on (the )?(?<year>[0-9]{4}/[0-9]{2}) (figures|baseline)")]
    private static partial Regex BaseYearWords();

    [GeneratedRegex(@"\b(increase|improve)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IncreaseWords();

    [GeneratedRegex(@"(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?<year>\d{4})")]
    private static partial Regex MonthYear();
}
