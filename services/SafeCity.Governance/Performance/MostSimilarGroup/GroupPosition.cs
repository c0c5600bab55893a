namespace SafeCity.Governance.Performance.MostSimilarGroup;

public enum GroupPosition
{
    Below,
    InLine,
    Above,
}
