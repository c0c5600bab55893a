using SafeCity.Governance.Performance;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.Pmg.DrawUpExceptionList;
using SafeCity.Governance.Pmg.RemedialActions;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Attention;

/// <summary>How many of a priority's indicators and actions stand at each RAG: what a Board member takes in at a glance.</summary>
public sealed record RagCounts(int Red, int Amber, int Green, int NotRated)
{
    public int Total => Red + Amber + Green + NotRated;

    public static RagCounts Of(IEnumerable<Rag> rags)
    {
        var list = rags.ToList();
        return new RagCounts(list.Count(r => r == Rag.Red), list.Count(r => r == Rag.Amber), list.Count(r => r == Rag.Green), list.Count(r => r == Rag.NotRated));
    }
}

public sealed record PriorityAtAGlance(int Number, string Title, string? Theme, Rag Rag, RagCounts Indicators, RagCounts Actions);

/// <summary>An item that needs someone's attention, with where to act on it.</summary>
public sealed record AttentionItem(string Key, int Priority, string Name, Rag Rag, string Detail, string Link);

/// <summary>A remedial action the PMG agreed and is not done yet.</summary>
public sealed record OpenRemedialAction(string Id, int Priority, string ItemName, string Description, string Owner, DateOnly Due, bool Overdue, string Link);

/// <param name="LastMeeting">The PMG meeting the changes are counted from; null before the first.</param>
/// <param name="NewExceptions">Failing now and not on the last meeting's list.</param>
/// <param name="Recovered">On the last meeting's list and recovered since.</param>
public sealed record ChangesSinceLastPmg(DateOnly? LastMeeting, IReadOnlyList<AttentionItem> NewExceptions, IReadOnlyList<AttentionItem> Recovered);

/// <summary>What the home page, the Delivery Board and the PMG lead with.</summary>
public sealed record AttentionSummary(
    DateOnly AsAt,
    Rag Rag,
    IReadOnlyList<PriorityAtAGlance> Priorities,
    ChangesSinceLastPmg Changes,
    IReadOnlyList<AttentionItem> Exceptions,
    IReadOnlyList<AttentionItem> WithoutTarget,
    IReadOnlyList<AttentionItem> OverdueActions,
    IReadOnlyList<OpenRemedialAction> RemedialActions);

/// <summary>
/// Draws what needs attention as at a day: each priority's RAG counts, the exception list the PMG
/// would draw up that day against its last meeting (so "new" and "recovered" mean since that
/// meeting), indicators with no target for their year, actions past their due date, and the
/// remedial actions not yet done, overdue first.
/// </summary>
public sealed class WhatNeedsAttention(PartnershipPerformance performance, PmgService pmg, TimeProvider clock)
{
    public async Task<AttentionSummary> GetAsync(DateOnly? asAt, CancellationToken ct)
    {
        var day = asAt ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var tree = await performance.GetAsync(asAt, ct);
        var last = await pmg.LatestMeetingAsync(day, ct);
        var remedials = await pmg.RemedialActionsAsync(ct);
        var remedied = remedials.Select(r => r.ItemKey).ToHashSet(StringComparer.Ordinal);
        var (draft, recovered) = ExceptionList.DrawUp(tree, last, day, remedied);
        var earlier = last?.Exceptions.Select(e => e.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var priorityOf = draft.Select(e => (e.Key, e.Priority)).Concat(last?.Exceptions.Select(e => (e.Key, e.Priority)) ?? [])
            .DistinctBy(p => p.Key).ToDictionary(p => p.Key, p => p.Priority, StringComparer.Ordinal);

        var priorities = tree.Priorities.Select(p => new PriorityAtAGlance(p.Priority.Number, p.Priority.Title, p.Theme, p.Rag,
            RagCounts.Of(p.Plans.SelectMany(plan => plan.Indicators).Where(i => !i.IsHeldElsewhere).Select(i => i.Rag)),
            RagCounts.Of(p.Plans.SelectMany(plan => plan.Actions).Select(a => a.Rag)))).ToList();

        var failing = draft.Where(e => e.Kind != ExceptionKind.MissingTarget).OrderBy(e => e.Rag == Rag.Red ? 0 : 1).ThenBy(e => e.Priority).ThenBy(e => e.Key, StringComparer.Ordinal).Select(Item).ToList();
        var overdue = tree.Priorities.SelectMany(p => p.Plans.SelectMany(plan => plan.Actions.Where(a => a.Overdue).Select(a =>
            new AttentionItem($"action:{plan.Theme}/{a.Id}", p.Priority.Number, a.Description, a.Rag, $"Due {PmgService.Day(a.DueDate!.Value)}; plan {plan.Number}", ActionLink(plan.Theme, a.Id))))).ToList();
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

    private static string ActionLink(string theme, string id) => $"/{theme}/actions/{Uri.EscapeDataString(id)}";
}
