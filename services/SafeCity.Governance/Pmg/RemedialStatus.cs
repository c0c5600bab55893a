namespace SafeCity.Governance.Pmg;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RemedialStatus>))]
public enum RemedialStatus
{
    Open,
    InProgress,
    Done,
}
