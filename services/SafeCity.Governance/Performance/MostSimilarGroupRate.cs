namespace SafeCity.Governance.Performance;

public sealed record MostSimilarGroupRate(string Area, double Rate);
