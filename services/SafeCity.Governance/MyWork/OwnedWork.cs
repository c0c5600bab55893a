namespace SafeCity.Governance.MyWork;

/// <param name="Owner">As the action or remedial action names its owner: an account name, or for a remedial action the name the PMG wrote.</param>
public sealed record OwnedWork(string Owner, WorkItem Item);
