using SafeCity.Governance.Performance;
using SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Web;

namespace SafeCity.Governance.Pmg.DrawUpExceptionList;

/// <summary>
/// The exception rules (paragraph 80: anything showing any degree of failure is held to account
/// through remedial interventions). Every indicator or action that is red or amber (an action also
/// when delayed or overdue) enters the list. Once listed, an item stays on every later list until it
/// recovers (an indicator when it is green, an action when it is green or completed and not overdue)
/// and a remedial action has been recorded for it. Having no newer figure is not recovery. An
/// indicator with no target for the year is listed too, until a target is set.
/// </summary>
public static class ExceptionList
{
    public const string Rule =
        "Any indicator or action that is red or amber (or an action that is delayed, or past its due date and not done) enters the exception list. " +
        "It stays on every later list until it recovers (an indicator when it is green, an action when it is green or completed and not overdue) " +
        "and a remedial action has been recorded for it. No newer figure is not recovery. " +
        "An indicator with no target for the year is listed as well, until the partnership sets one; " +
        "and Southampton's violence or criminal damage while significantly above its Most Similar Group (paragraph 12), until it is not and a remedial action has been recorded.";

    /// <param name="withRemedialActions">The keys of the items a remedial action was ever recorded for.</param>
    /// <param name="rankings">Paragraph 12's rankings in the Most Similar Group as at the list's date; none when no police counts are held.</param>
    public static (IReadOnlyList<ExceptionItem> Exceptions, IReadOnlyList<RecoveredItem> Recovered) DrawUp(
        PerformanceTree tree, PmgMeeting? previous, DateOnly meetingDate, IReadOnlySet<string>? withRemedialActions = null, IReadOnlyList<RelativeRanking>? rankings = null)
    {
        withRemedialActions ??= new HashSet<string>(StringComparer.Ordinal);
        var earlier = previous?.Exceptions.ToDictionary(e => e.Key, StringComparer.Ordinal) ?? [];
        var exceptions = new List<ExceptionItem>();
        var recovered = new List<RecoveredItem>();
        foreach (var priority in tree.Priorities)
        {
            foreach (var plan in priority.Plans)
            {
                // An indicator printed here but held by another plan is listed once, under the plan that holds it.
                foreach (var i in plan.Indicators.Where(i => !i.IsHeldElsewhere))
                {
                    var key = $"indicator:{plan.Theme}/{i.Id}";
                    var failing = i.Rag is Rag.Red or Rag.Amber;
                    var name = PerformanceIndicator.Titled(i.Code ?? "Local", i.Name);
                    Decide(key, ExceptionKind.Indicator, i.Id, plan.Theme, plan.Number, priority.Priority.Number, name, i.Rag, i.Reason, failing, recoveredNow: i.Rag == Rag.Green);

                    var year = i.Assessment.Year;
                    var noTarget = i.Definition.TargetFor(year) is null;
                    Decide($"target:{plan.Theme}/{i.Id}", ExceptionKind.MissingTarget, i.Id, plan.Theme, plan.Number, priority.Priority.Number, $"{name}: no target for {year}", Rag.NotRated,
                        $"No target is set for {year}, so it cannot be rated: set one on the indicator's page.", noTarget, recoveredNow: !noTarget, needsRemedy: false);
                }

                foreach (var a in plan.Actions)
                {
                    var key = $"action:{plan.Theme}/{a.Id}";
                    var delayed = a.Status == nameof(ActionStatus.Delayed);
                    var failing = a.Rag is Rag.Red or Rag.Amber || delayed || a.Overdue;
                    var due = a.DueDate is { } d ? (a.Overdue ? $"Overdue: due {UkFormat.Date(d)}. " : $"Due {UkFormat.Date(d)}. ") : "";
                    var detail = $"{due}{Kernel.Web.UkFormat.StatusWords(a.Status)}{(a.Commentary is { Length: > 0 } c ? ": " + c : "")}";
                    Decide(key, ExceptionKind.Action, a.Id, plan.Theme, plan.Number, priority.Priority.Number, a.Description, a.Rag, detail, failing,
                        recoveredNow: !delayed && !a.Overdue && (a.Rag == Rag.Green || a.Status == nameof(ActionStatus.Completed)));
                }
            }
        }

        foreach (var ranking in rankings ?? [])
        {
            var above = ranking.IsAboveTheFamily;
            Decide(ranking.Key, ExceptionKind.MostSimilarGroup, ranking.Measure.Key, ranking.Theme, ranking.PlanNumber, ranking.Priority,
                $"{ranking.Measure.Name}: Southampton against its Most Similar Group", above ? Rag.Red : Rag.Green,
                ComparisonDto.Sentence(ranking.Comparison) + " Paragraph 12 asks the partnership to improve the city's relative ranking.",
                above, recoveredNow: ranking.Comparison.Home is not null && !above);
        }

        // Items listed before whose indicator or action no longer exists have nothing to recover with: they stay.
        var seen = exceptions.Select(e => e.Key).Concat(recovered.Select(r => r.Key)).ToHashSet(StringComparer.Ordinal);
        exceptions.AddRange(earlier.Values.Where(e => !seen.Contains(e.Key)).Select(e => e with { StillFailing = false, Detail = "No longer published by its theme. " + e.Detail }));
        return (exceptions, recovered);

        void Decide(string key, ExceptionKind kind, string id, string theme, int planNumber, int priority, string name, Rag rag, string detail, bool failing, bool recoveredNow, bool needsRemedy = true)
        {
            var before = earlier.GetValueOrDefault(key);
            if (failing)
            {
                exceptions.Add(new ExceptionItem(key, kind, id, theme, priority, planNumber, name, rag, detail, before?.FirstListed ?? meetingDate, true));
            }
            else if (before is not null && recoveredNow && (!needsRemedy || withRemedialActions.Contains(key)))
            {
                recovered.Add(new RecoveredItem(key, name, rag, detail));
            }
            else if (before is not null && recoveredNow)
            {
                exceptions.Add(before with { Rag = rag, Detail = "Recovered, but no remedial action was recorded: record what was done. " + detail, StillFailing = false });
            }
            else if (before is not null)
            {
                exceptions.Add(before with { Rag = rag, Detail = "Not yet recovered: " + detail, StillFailing = false });
            }
        }
    }

}
