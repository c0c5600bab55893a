namespace SafeCity.Governance.MyWork;

/// <summary>How a piece of someone's work stands on a day (sent by name: the gateway's reminders read it).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<WorkState>))]
public enum WorkState
{
    Overdue,
    DueSoon,
    Later,
    Done,
}
