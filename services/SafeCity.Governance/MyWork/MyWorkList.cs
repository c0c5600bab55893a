using System.Security.Claims;
using SafeCity.Contracts.Identity;
using SafeCity.Governance.Performance;
using SafeCity.Governance.Pmg;

namespace SafeCity.Governance.MyWork;

/// <summary>How a piece of someone's work stands on a day.</summary>
public enum WorkState
{
    Overdue,
    DueSoon,
    Later,
    Done,
}

/// <param name="Kind">"action" (in a theme's plan) or "remedial action" (agreed by the PMG).</param>
public sealed record WorkItem(string Kind, string Id, string Description, string Where, DateOnly? Due, WorkState State, string Status, string Link);

public sealed record MyWorkView(string Account, string DisplayName, DateOnly On, IReadOnlyList<WorkItem> Items)
{
    public IEnumerable<WorkItem> In(WorkState state) => Items.Where(i => i.State == state);
}

/// <summary>
/// The actions and remedial actions a person owns. An action is theirs when its owner is their
/// account name; a remedial action when its owner (typed by the PMG) is their account name or
/// display name, in any case.
/// </summary>
public sealed class MyWorkList(PartnershipPerformance performance, PmgService pmg, TimeProvider clock)
{
    /// <summary>Due within this many days: "due soon".</summary>
    public const int DueSoonDays = 28;

    public async Task<MyWorkView> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var account = user.Identity?.Name ?? "";
        var display = user.FindFirstValue(PlatformRoles.DisplayNameClaim) ?? account;
        var on = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        bool Mine(string? owner) => owner is { Length: > 0 } o && (o.Trim().Equals(account, StringComparison.OrdinalIgnoreCase) || o.Trim().Equals(display, StringComparison.OrdinalIgnoreCase));

        var tree = await performance.GetAsync(ct);
        var items = new List<WorkItem>();
        foreach (var plan in tree.Plans)
        {
            foreach (var a in plan.Actions.Where(a => account.Length > 0 && Mine(a.Owner)))
            {
                var done = a.Status is "Completed" or "Cancelled" or "Retired";
                items.Add(new WorkItem("action", a.Id, a.Description, $"{plan.Theme}, plan {plan.Number}", a.DueDate, StateOf(done, a.DueDate, on), Words(a.Status),
                    $"/{plan.Theme}/actions/{Uri.EscapeDataString(a.Id)}"));
            }
        }

        foreach (var r in (await pmg.RemedialActionsAsync(ct)).Where(r => account.Length > 0 && Mine(r.Owner)))
        {
            items.Add(new WorkItem("remedial action", r.Id, r.Description, $"PMG, priority {r.Priority}: {r.ItemName}", r.Due, StateOf(r.Status == RemedialStatus.Done, r.Due, on),
                Words(r.Status.ToString()), $"/pmg/remedial-actions/{r.Id}"));
        }

        return new MyWorkView(account, display, on, items.OrderBy(i => i.State).ThenBy(i => i.Due ?? DateOnly.MaxValue).ThenBy(i => i.Id, StringComparer.Ordinal).ToList());
    }

    public static WorkState StateOf(bool done, DateOnly? due, DateOnly on) =>
        done ? WorkState.Done
        : due is { } d && d < on ? WorkState.Overdue
        : due is { } soon && soon <= on.AddDays(DueSoonDays) ? WorkState.DueSoon
        : WorkState.Later;

    private static string Words(string status) => status switch
    {
        "NotStarted" => "Not started",
        "InProgress" => "In progress",
        _ => status,
    };
}
