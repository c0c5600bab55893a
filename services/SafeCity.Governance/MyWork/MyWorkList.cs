using System.Security.Claims;
using SafeCity.Contracts.Identity;
using SafeCity.Governance.Performance;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.Pmg.RemedialActions;
using SafeCity.Kernel.Apis;

namespace SafeCity.Governance.MyWork;

/// <summary>
/// The actions and remedial actions a person owns: those whose owner is their account name, in any
/// case. Never a display name, which anyone may share and which says nothing of who signed in.
/// </summary>
public sealed class MyWorkList(PartnershipPerformance performance, PmgService pmg, TimeProvider clock, JudgingDay? judging = null)
{
    /// <summary>Due within this many days: "due soon".</summary>
    public const int DueSoonDays = 28;

    public async Task<MyWorkView> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var account = user.Identity?.Name ?? "";
        var display = user.FindFirstValue(PlatformRoles.DisplayNameClaim) ?? account;
        var on = Today;
        var items = (await OwnedAsync(on, ct)).Where(o => IsOwner(o.Owner, user)).Select(o => o.Item);
        return new MyWorkView(account, display, on, items.OrderBy(i => i.State).ThenBy(i => i.Due ?? DateOnly.MaxValue).ThenBy(i => i.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>Whether work whose owner is written so is this person's: their account name, and nothing else.</summary>
    public static bool IsOwner(string owner, ClaimsPrincipal user) =>
        user.Identity?.Name is { Length: > 0 } account && owner.Trim().Equals(account, StringComparison.OrdinalIgnoreCase);

    /// <summary>Everyone's work that is overdue or due within <see cref="DueSoonDays"/> days and not done: what reminders are sent about.</summary>
    public async Task<IReadOnlyList<OwnedWork>> DueAsync(CancellationToken ct) =>
        (await OwnedAsync(Today, ct)).Where(o => o.Item.State is WorkState.Overdue or WorkState.DueSoon).ToList();

    private DateOnly Today => JudgingDay.Of(judging, clock);

    /// <summary>Every action and remedial action that has an owner, with how it stands on the day.</summary>
    private async Task<IReadOnlyList<OwnedWork>> OwnedAsync(DateOnly on, CancellationToken ct)
    {
        var tree = await performance.GetAsync(ct);
        var owned = new List<OwnedWork>();
        foreach (var plan in tree.Plans)
        {
            foreach (var a in plan.Actions.Where(a => a.Owner is { Length: > 0 }))
            {
                var done = a.Status is "Completed" or "Cancelled" or "Retired";
                owned.Add(new OwnedWork(a.Owner!, new WorkItem("action", a.Id, a.Description, $"{plan.Theme}, plan {plan.Number}", a.DueDate, StateOf(done, a.DueDate, on), Kernel.Web.UkFormat.StatusWords(a.Status),
                    $"/{plan.Theme}/actions/{Uri.EscapeDataString(a.Id)}")));
            }
        }

        foreach (var r in (await pmg.RemedialActionsAsync(ct)).Where(r => r.Owner is { Length: > 0 }))
        {
            owned.Add(new OwnedWork(r.Owner, new WorkItem("remedial action", r.Id, r.Description, $"PMG, priority {r.Priority}: {r.ItemName}", r.Due,
                StateOf(r.Status == RemedialStatus.Done, r.Due, on), Kernel.Web.UkFormat.StatusWords(r.Status.ToString()), $"/pmg/remedial-actions/{r.Id}")));
        }

        return owned;
    }

    public static WorkState StateOf(bool done, DateOnly? due, DateOnly on) =>
        done ? WorkState.Done
        : due is { } d && d < on ? WorkState.Overdue
        : due is { } soon && soon <= on.AddDays(DueSoonDays) ? WorkState.DueSoon
        : WorkState.Later;

}
