namespace SafeCity.Governance.Performance;

public enum GroupPosition
{
    Below,
    InLine,
    Above,
}
