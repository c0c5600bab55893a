using System.Text.RegularExpressions;
using SafeCity.Governance;
using SafeCity.Governance.DeliveryBoard.ExpectedOutcomes;
using SafeCity.Governance.Structure;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Seed;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Seed;

/// <summary>
/// The platform's plans read against the document itself (docs/plan), not only the extraction: every
/// profile attribute's source, every printed target, the actions' timings, the three-year outcomes and
/// the subgroups' plans. An error in the extraction or in a profile cannot pass unseen.
/// </summary>
public sealed partial class PlanDocumentFidelityTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "plan", "safe-city-partnership-plan-2008-2011.txt"));

    private static readonly IReadOnlyList<(string Theme, ActionPlan Plan)> Plans =
        SeedFidelityTests.Themes.SelectMany(t => ActionPlanSeed.ReadFrom(t.Assembly).Select(p => (t.Slug, p))).ToList();

    private static IEnumerable<(string Theme, ActionPlan Plan, PerformanceIndicator Indicator)> Indicators =>
        Plans.SelectMany(p => p.Plan.Indicators.Select(i => (p.Theme, p.Plan, i)));

    private static string Normal(string text) => Spaces().Replace(text, " ").Trim().ToLowerInvariant();

    /// <summary>The document's text from one line to another, joined, as a line-wrapped phrase reads.</summary>
    private static string Text(int from, int to) => Normal(string.Join(' ', Lines[(Math.Max(1, from) - 1)..Math.Min(Lines.Length, to)]));

    [Fact]
    public void Every_indicators_unit_polarity_and_frequency_has_a_source_the_document_bears_out()
    {
        var problems = new List<string>();
        foreach (var (_, _, indicator) in Indicators)
        {
            if (indicator.Sources is not { } sources)
            {
                problems.Add($"{indicator.Id} has no sources for its profile");
                continue;
            }

            foreach (var (attribute, source) in new[] { ("unit", sources.Unit), ("polarity", sources.Polarity), ("frequency", sources.Frequency) })
            {
                if (source.IsAssumed)
                {
                    if ((source.Assumed?.Length ?? 0) < 20)
                    {
                        problems.Add($"{indicator.Id} {attribute} is assumed without a reason");
                    }
                }
                else if (source.Line is not { } line || line < 1 || line > Lines.Length || !Normal(Lines[line - 1]).Contains(Normal(source.Words!), StringComparison.Ordinal))
                {
                    problems.Add($"{indicator.Id} {attribute}: “{source.Words}” is not on line {source.Line}");
                }
                else if (source.Assumed is null && indicator.SourceLines is { Count: > 0 } rows && (line < rows[0] || line > rows[^1]))
                {
                    // Words from elsewhere (paragraph 80, a neighbouring row) must say why they apply.
                    problems.Add($"{indicator.Id} {attribute}: line {line} is outside its own row ({rows[0]}–{rows[^1]})");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(92, Indicators.Count());
    }

    [Fact]
    public void Every_printed_target_is_the_documents_words_within_its_indicators_lines()
    {
        var printed = Indicators.SelectMany(x => x.Indicator.Targets.Select(t => (x.Indicator, Target: t))).ToList();

        Assert.Equal(28, printed.Count(p => p.Target.AnnualFigure(p.Indicator.Baseline) is not null || p.Target.ChangePercent is not null));
        Assert.All(printed, p =>
        {
            Assert.Equal(TargetSource.Printed, p.Target.Source!.Kind);
            var (from, to) = (p.Indicator.SourceLines![0], p.Indicator.SourceLines![^1]);
            Assert.True(Text(from - 2, to + 2).Contains(Normal(p.Target.AsWritten!), StringComparison.Ordinal), $"{p.Indicator.Id}: “{p.Target.AsWritten}” is not printed at lines {from}–{to}");
            // The source is the line the target's figure is printed on, not the row's first line.
            var figure = FirstFigure().Match(p.Target.AsWritten!).Value;
            Assert.True(p.Target.Source.Line is { } line && Lines[line - 1].Contains(figure, StringComparison.Ordinal), $"{p.Indicator.Id}: the figure {figure} is not on line {p.Target.Source.Line}");
        });
        // "Reduce by .75%" (P1.I1): its figure is on line 2706, the row begins at 2692.
        Assert.Equal(2706, printed.Single(p => p.Indicator.Id == "P1.I1").Target.Source!.Line);
    }

    [Fact]
    public void P8_I3_holds_the_target_its_own_row_states_on_the_2005_06_figure()
    {
        var p8i3 = Indicators.Single(x => x.Indicator.Id == "P8.I3").Indicator;
        var target = Assert.Single(p8i3.Targets);

        Assert.Contains("by 5% by 2008/09 on 2005/06 baseline", Text(3747, 3748), StringComparison.Ordinal);
        Assert.Equal(("2008/09", -5.0, "2005/06", 3748), (target.Year, target.ChangePercent, target.BaseYear, target.Source!.Line));
        // The plan prints no 2005/06 figure: until one is recorded the indicator says why it is not rated.
        Assert.Null(target.AnnualFigure(p8i3.Baseline, _ => null, out var missing));
        Assert.Contains("2005/06 has no full-year figure recorded", missing, StringComparison.Ordinal);
        Assert.Equal(950, target.AnnualFigure(p8i3.Baseline, y => y == "2005/06" ? 1000 : null, out _)!.Value, 6);
    }

    [Fact]
    public void Each_profiles_reasoning_is_true_to_its_indicator()
    {
        foreach (var (_, _, indicator) in Indicators)
        {
            foreach (var source in new[] { indicator.Sources!.Unit, indicator.Sources.Polarity, indicator.Sources.Frequency })
            {
                // A reason that leans on a National Indicator's definition belongs to a National Indicator.
                if (source.Assumed?.Contains("National Indicator", StringComparison.Ordinal) == true)
                {
                    Assert.True(indicator.Code?.StartsWith("NI ", StringComparison.Ordinal) == true, $"{indicator.Id} is a local measure, yet its profile reasons from a National Indicator");
                }
            }
        }

        var byId = Indicators.ToDictionary(x => x.Indicator.Id, x => x.Indicator);
        // Plan 18 sets out to improve reporting (line 4931): more reports of bullying is what it wants.
        Assert.Equal(Polarity.HigherIsBetter, byId["P18.I7"].Polarity);
        Assert.Contains("to improve hate crime reporting", Text(4931, 4931), StringComparison.Ordinal);
        Assert.Equal(4931, byId["P18.I7"].Sources!.Polarity.Line);
        // NI 23 is asked as a problem; the plan's stretch on the same question is a decrease (line 4964).
        Assert.Equal(Polarity.LowerIsBetter, byId["P18.I3"].Polarity);
        Assert.Contains("decrease in the % of people who perceive", Text(4964, 4964), StringComparison.Ordinal);
        // NI 38 is offences per 100 offenders of its cohort, not a rate per head of population.
        Assert.Equal(IndicatorUnit.RatePer100, byId["P17.I1"].Unit);
        Assert.DoesNotContain("crime, harm or failure", byId["P12.I6"].Sources!.Polarity.Assumed, StringComparison.Ordinal);
        Assert.DoesNotContain("crime, harm or failure", byId["P9.I3"].Sources!.Polarity.Assumed, StringComparison.Ordinal);
    }

    [Fact]
    public void NI_43_keeps_its_printed_base_year_and_unit()
    {
        var ni43 = Indicators.Single(x => x.Indicator.Code == "NI 43").Indicator;
        var target = Assert.Single(ni43.Targets);

        // "2006/07: 76" has no %, and the target is "5% reduction on the 2007/08 figures".
        Assert.Equal(IndicatorUnit.Count, ni43.Unit);
        Assert.Equal(("2006/07", 76.0), (ni43.Baseline.Period, ni43.Baseline.Value));
        Assert.Equal((-5.0, "2007/08"), (target.ChangePercent, target.BaseYear));
        Assert.Contains("5% reduction on the 2007/08 figures", Text(ni43.SourceLines![0], ni43.SourceLines![^1]), StringComparison.Ordinal);
    }

    [Fact]
    public void NI_31_and_NI_26_are_each_one_indicator_held_by_plan_4_and_shown_in_plan_1()
    {
        foreach (var code in new[] { "NI 31", "NI 26" })
        {
            var printed = Indicators.Where(x => x.Indicator.Code == code).ToList();
            Assert.Equal([1, 4], printed.Select(p => p.Plan.Number).Order());
            var holder = Assert.Single(printed, p => p.Indicator.HeldBy is null);
            var shown = Assert.Single(printed, p => p.Indicator.HeldBy is not null);
            Assert.Equal(new IndicatorHolder(holder.Theme, holder.Plan.Number, holder.Indicator.Id), shown.Indicator.HeldBy);
            Assert.Equal((holder.Indicator.Unit, holder.Indicator.Polarity, holder.Indicator.Frequency), (shown.Indicator.Unit, shown.Indicator.Polarity, shown.Indicator.Frequency));
        }
    }

    [Fact]
    public void Plan_13s_stretch_target_counts_criminal_damage_without_arson_and_never_a_category_holding_arson()
    {
        var asb = SeedFidelityTests.Themes.Single(t => t.Slug == "asb-arson");
        var measure = Assert.Single(asb.ComputedMeasures, m => m.IndicatorId == "P13.I1");

        Assert.Contains("without arson", Text(4281, 4283), StringComparison.Ordinal);
        Assert.DoesNotContain(measure.Categories, c => c.Contains("arson", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("data.police.uk cannot feed this indicator", measure.HowComputed, StringComparison.Ordinal);
    }

    [Fact]
    public void The_actions_timings_are_the_plans_own_words_on_their_lines()
    {
        var timed = Plans.SelectMany(p => p.Plan.Actions).Where(a => a.Due?.AsWritten is not null).ToList();

        Assert.Equal(["P1.A13", "P15.A2", "P18.A7", "P19.A7", "P2.A6", "P3.A3", "P6.A2"], timed.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.All(timed, a =>
        {
            var line = int.Parse(LineOf().Match(a.Due!.Source).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(Normal(a.Due.AsWritten!), Text(line, line + 2), StringComparison.Ordinal);
        });
        Assert.Equal(new DateOnly(2008, 12, 31), timed.Single(a => a.Id == "P2.A6").Due!.Date);
        var notActions = Plans.SelectMany(p => p.Plan.Actions).Where(a => a.NeverDue is not null).ToList();
        Assert.All(Plans.SelectMany(p => p.Plan.Actions).Except(timed).Except(notActions), a => Assert.Equal(ActionPlanSeed.BusinessPlanYear, a.Due));
    }

    [Fact]
    public void A_timing_for_some_bullets_or_recurring_sets_milestones_and_a_placeholder_is_never_due()
    {
        var actions = Plans.SelectMany(p => p.Plan.Actions).ToDictionary(a => a.Id);
        var yearEnd = new DateOnly(2009, 3, 31);
        var autumn = new DateOnly(2008, 9, 30);

        // "Review current selection matrix in six months time" is one bullet of four (line 3610).
        var p6a2 = actions["P6.A2"];
        Assert.Equal(4, p6a2.Bullets!.Count);
        Assert.Equal(yearEnd, p6a2.Due!.Date);
        Assert.Equal([new ActionMilestone(autumn, "Review current selection matrix")], p6a2.Due.Milestones);
        Assert.StartsWith(Normal(p6a2.Due.Milestones![0].What), Normal(p6a2.Bullets[0]), StringComparison.Ordinal);
        // A milestone passed is shown, not counted as overdue: the action is due at the year's end.
        Assert.Equal([autumn], p6a2.Due.Milestones.Where(m => m.HasPassed(new DateOnly(2008, 10, 1))).Select(m => m.Date));
        Assert.False(p6a2.Due.Milestones[0].HasPassed(autumn));
        Assert.False(p6a2.IsOverdue(new DateOnly(2008, 10, 1)));
        Assert.True(p6a2.IsOverdue(new DateOnly(2009, 4, 1)));

        // "six monthly reports" (3268) and "Bi-annual clear ups" (4604): one in each half of the year.
        Assert.Contains("six monthly reports", Text(3268, 3268), StringComparison.Ordinal);
        Assert.Contains("bi-annual clear ups", Text(4604, 4604), StringComparison.Ordinal);
        Assert.All(new[] { actions["P3.A3"], actions["P15.A2"] }, a => Assert.Equal([autumn, yearEnd], a.Due!.Milestones!.Select(m => m.Date)));
        Assert.Equal(autumn, actions["P3.A3"].Due!.NextFrom(new DateOnly(2008, 6, 1))!.Date);
        // Promotions to Freshers (2880) are made when the universities' year begins.
        Assert.Contains("promotions to freshers", Text(2880, 2880), StringComparison.Ordinal);
        Assert.Equal(autumn, actions["P1.A13"].Due!.Date);

        // The placeholder (4120) and the drafting question (4664) are no actions: never due, never overdue.
        Assert.Contains("actions relating to young people to be added", Text(4120, 4120), StringComparison.Ordinal);
        Assert.Contains("any nuisance/noise control action beyond usual service", Text(4664, 4664), StringComparison.Ordinal);
        Assert.Equal(["P11.A3", "P15.A8"], actions.Values.Where(a => a.NeverDue is not null).Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.All(new[] { actions["P11.A3"], actions["P15.A8"] }, a =>
        {
            Assert.Null(a.Due);
            Assert.False(a.IsOverdue(new DateOnly(2026, 12, 7)));
        });
        Assert.Contains("line 4120", actions["P11.A3"].NeverDue, StringComparison.Ordinal);
    }

    [Fact]
    public void Paragraph_66s_outcomes_are_the_documents_and_each_is_shown_by_indicators_the_plans_have()
    {
        var outcomes = ExpectedOutcomeList.Load(typeof(GovernanceServiceHost).Assembly).Outcomes;
        var ids = Indicators.Select(x => (x.Theme, x.Indicator.Id)).ToHashSet();

        Assert.Equal(14, outcomes.Count);
        Assert.All(outcomes, o =>
        {
            Assert.InRange(o.Line, 1010, 1048);
            Assert.StartsWith(Normal(o.Text)[..30], Text(o.Line, o.Line + 6).TrimStart('·', ' '), StringComparison.Ordinal);
            Assert.All(o.Indicators, i => Assert.Contains((i.Theme, i.IndicatorId), ids));
            Assert.Equal(o.Test == OutcomeTest.None, !o.IsMeasured);
        });
    }

    [Fact]
    public void Outcomes_are_shown_by_the_indicators_that_measure_them_reoffending_by_every_reoffending_rate()
    {
        var outcomes = ExpectedOutcomeList.Load(typeof(GovernanceServiceHost).Assembly).Outcomes.ToDictionary(o => o.Number);
        IEnumerable<string> Of(int number) => outcomes[number].Indicators.Select(i => i.IndicatorId);

        // "A year on year reduction in all crimes" (line 1016): NI 38 is a re-offending rate, not a count of crime.
        Assert.DoesNotContain("P17.I1", Of(1));
        // …and the police's own count of all crime shows it; "a consequent reduction in reports of ASB" (1029–30) is the police's count of ASB.
        Assert.Equal(["all-crime"], outcomes[1].PoliceCountMeasures);
        Assert.Equal(["anti-social-behaviour"], outcomes[8].PoliceCountMeasures);
        Assert.Equal(["violence", "vehicle-crime", "criminal-damage-and-arson"], outcomes[2].PoliceCountMeasures);
        // "reoffending rates" (1035): NI 31 and NI 38 beside the PPO and youth re-offending.
        Assert.Superset(new HashSet<string> { "P4.I3", "P17.I1", "P6.I1", "P9.I1" }, Of(10).ToHashSet());
        // "school attendance and reduction in exclusions" (1029): NI 114 and plan 10's exclusions.
        Assert.Superset(new HashSet<string> { "P8.I2", "P10.I2", "P10.I3" }, Of(8).ToHashSet());
    }

    [Fact]
    public void Each_subgroup_owns_its_plans_as_Appendix_C_draws_them_and_every_plan_has_one_owner()
    {
        var structure = PartnershipStructure.Load(typeof(GovernanceServiceHost).Assembly);
        var owned = structure.Subgroups.SelectMany(s => s.Subgroup.Plans.Select(n => (s.Priority, s.Subgroup.Name, Plan: n))).ToList();

        Assert.Equal(Enumerable.Range(1, 20), owned.Select(o => o.Plan).Order());
        Assert.All(Plans, p => Assert.Equal(p.Plan.Priority, owned.Single(o => o.Plan == p.Plan.Number).Priority));
        Assert.Equal([13], owned.Where(o => o.Name == "CD").Select(o => o.Plan));
        Assert.Equal([20], owned.Where(o => o.Name == "LRF").Select(o => o.Plan));
        // Plan 4's lead partner, as the plan prints it (line 3287) and the priorities' table lists it (1146–1149).
        Assert.Equal(["Southampton Domestic Violence Forum"], owned.Where(o => o.Plan == 4).Select(o => o.Name));
        Assert.Contains("lead partner: southampton domestic violence forum", Text(3287, 3287), StringComparison.Ordinal);
        Assert.Contains("southampton domestic violence forum", Text(1146, 1149), StringComparison.Ordinal);
        Assert.Equal(12, structure.Subgroups.Count);
    }


    [Fact]
    public void The_indicators_without_a_printed_target_are_the_words_only_cells_and_governance_md_counts_them()
    {
        var none = Indicators.Where(x => x.Indicator.Targets.Count == 0).ToList();
        var words = none.Where(x => x.Indicator.TargetAsPrinted is not null).Select(x => x.Indicator.Id).Order(StringComparer.Ordinal).ToList();
        var governance = Normal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "governance.md")));

        // The cells that print words where a figure would be (TBA, To be confirmed, N/A…, See above, See note, Currently deteriorating,
        // not yet set); P8.I3's "To be confirmed" is not among them, its row stating its target.
        Assert.Equal(["P1.I2", "P1.I3", "P1.I4", "P12.I2", "P12.I3", "P14.I8", "P16.I4", "P8.I1", "P9.I1"], words);
        Assert.Equal(92, Indicators.Count());
        Assert.Contains($"{none.Count} of its 92 indicators have none", governance, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[0-9][0-9,.]*%?|\.[0-9]+%")]
    private static partial Regex FirstFigure();

    [GeneratedRegex(@"line ([0-9]+)")]
    private static partial Regex LineOf();
}
