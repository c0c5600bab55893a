namespace SafeCity.Governance.Attention;

/// <summary>A remedial action the PMG agreed and is not done yet.</summary>
public sealed record OpenRemedialAction(string Id, int Priority, string ItemName, string Description, string Owner, DateOnly Due, bool Overdue, string Link);
