namespace SafeCity.Governance.Pmg.RemedialActions;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RemedialStatus>))]
public enum RemedialStatus
{
    Open,
    InProgress,
    Done,
}
