namespace SafeCity.Governance.Pmg.DrawUpExceptionList;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ExceptionKind>))]
public enum ExceptionKind
{
    Indicator,
    Action,
    /// <summary>An indicator with no target for the year: not rated, and so not hidden.</summary>
    MissingTarget,
    /// <summary>Southampton significantly above its Most Similar Group for violence or criminal damage (paragraph 12).</summary>
    MostSimilarGroup,
}
