namespace SafeCity.Governance.Structure;

public sealed record PriorityObjective(string Letter, string Text);
