namespace SafeCity.Governance.Performance.MostSimilarGroup;

/// <summary>A line of an MSG file that could not be read, and why.</summary>
public sealed record MostSimilarGroupProblem(int Line, string Message);
