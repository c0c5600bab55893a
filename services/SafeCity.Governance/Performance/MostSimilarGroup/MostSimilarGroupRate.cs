namespace SafeCity.Governance.Performance.MostSimilarGroup;

public sealed record MostSimilarGroupRate(string Area, double Rate);
