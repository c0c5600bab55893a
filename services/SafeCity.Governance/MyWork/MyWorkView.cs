namespace SafeCity.Governance.MyWork;

public sealed record MyWorkView(string Account, string DisplayName, DateOnly On, IReadOnlyList<WorkItem> Items)
{
    public IEnumerable<WorkItem> In(WorkState state) => Items.Where(i => i.State == state);
}
