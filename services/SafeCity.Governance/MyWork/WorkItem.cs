namespace SafeCity.Governance.MyWork;

/// <param name="Kind">"action" (in a theme's plan) or "remedial action" (agreed by the PMG).</param>
public sealed record WorkItem(string Kind, string Id, string Description, string Where, DateOnly? Due, WorkState State, string Status, string Link);
