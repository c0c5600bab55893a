using SafeCity.Governance.Performance;
using SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.Pmg.DrawUpExceptionList;
using SafeCity.Governance.Pmg.RemedialActions;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Web;

namespace SafeCity.Governance.Attention;

/// <summary>
/// Draws what needs attention as at a day: each priority's RAG counts, the exception list the PMG
/// would draw up that day against its last meeting (so "new" and "recovered" mean since that
/// meeting), indicators with no target for their year, actions past their due date, and the
/// remedial actions not yet done, overdue first.
/// </summary>
public sealed class WhatNeedsAttention(PartnershipPerformance performance, PmgService pmg, TimeProvider clock, JudgingDay? judging = null, FamilyBenchmark? family = null)
{
    public async Task<AttentionSummary> GetAsync(DateOnly? asAt, CancellationToken ct)
    {
        var day = asAt ?? JudgingDay.Of(judging, clock);
        var tree = await performance.GetAsync(asAt, ct);
        var last = await pmg.LatestMeetingAsync(day, ct);
        var remedials = await pmg.RemedialActionsAsync(ct);
        var remedied = remedials.Select(r => r.ItemKey).ToHashSet(StringComparer.Ordinal);
        var rankings = family is null ? [] : await family.RelativeRankingsAsync(day, ct);
        var (draft, recovered) = ExceptionList.DrawUp(tree, last, day, remedied, rankings);
        var earlier = last?.Exceptions.Select(e => e.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var priorityOf = draft.Select(e => (e.Key, e.Priority)).Concat(last?.Exceptions.Select(e => (e.Key, e.Priority)) ?? [])
            .DistinctBy(p => p.Key).ToDictionary(p => p.Key, p => p.Priority, StringComparer.Ordinal);

        var priorities = tree.Priorities.Select(p => new PriorityAtAGlance(p.Priority.Number, p.Priority.Title, p.Theme, p.Rag,
            RagCounts.Of(p.Plans.SelectMany(plan => plan.Indicators).Where(i => !i.IsHeldElsewhere).Select(i => i.Rag)),
            RagCounts.Of(p.Plans.SelectMany(plan => plan.Actions).Select(a => a.Rag)))).ToList();

        var failing = draft.Where(e => e.Kind != ExceptionKind.MissingTarget).OrderBy(e => e.Rag == Rag.Red ? 0 : 1).ThenBy(e => e.Priority).ThenBy(e => e.Key, StringComparer.Ordinal).Select(Item).ToList();
        var overdue = tree.Priorities.SelectMany(p => p.Plans.SelectMany(plan => plan.Actions.Where(a => a.Overdue).Select(a =>
            new AttentionItem($"action:{plan.Theme}/{a.Id}", p.Priority.Number, a.Description, a.Rag, $"Due {UkFormat.Date(a.DueDate!.Value)}; plan {plan.Number}", ActionLink(plan.Theme, a.Id))))).ToList();
        var open = remedials.Where(r => r.Status != RemedialStatus.Done)
            .Select(r => new OpenRemedialAction(r.Id, r.Priority, r.ItemName, r.Description, r.Owner, r.Due, r.IsOverdue(day), $"/pmg/remedial-actions/{r.Id}"))
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.Due).ToList();

        return new AttentionSummary(day, tree.Rag, priorities,
            new ChangesSinceLastPmg(last?.MeetingDate,
                draft.Where(e => e.Kind != ExceptionKind.MissingTarget && !earlier.Contains(e.Key)).Select(Item).ToList(),
                recovered.Select(r => new AttentionItem(r.Key, priorityOf.GetValueOrDefault(r.Key), r.Name, r.Rag, r.Detail, LinkOf(r.Key))).ToList()),
            failing,
            draft.Where(e => e.Kind == ExceptionKind.MissingTarget).Select(Item).ToList(),
            overdue,
            open);
    }

    private static AttentionItem Item(ExceptionItem e) => new(e.Key, e.Priority, e.Name, e.Rag, e.Detail, LinkOf(e.Key));

    /// <summary>Where to act on an item: the indicator's or action's page in its theme.</summary>
    public static string LinkOf(string key)
    {
        if (key.StartsWith(FamilyKey, StringComparison.Ordinal))
        {
            return "/msg?measure=" + Uri.EscapeDataString(key[FamilyKey.Length..]);
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (colon < 0 || slash < colon)
        {
            return "/pmg";
        }

        var theme = key[(colon + 1)..slash];
        var id = key[(slash + 1)..];
        return key[..colon] == "action" ? ActionLink(theme, id) : $"/{theme}/indicators/{Uri.EscapeDataString(id)}";
    }

    private const string FamilyKey = "family:";

    private static string ActionLink(string theme, string id) => $"/{theme}/actions/{Uri.EscapeDataString(id)}";
}
