using System.Text.Json.Serialization;

namespace SafeCity.Kernel.Records;

/// <summary>
/// One depersonalised record a partner shared (a crime, a fire, an emergency-department
/// presentation, a hate crime report): its category as the source names it, when and where it
/// happened, and the theme's own details in <see cref="Attributes"/>. The same source reference
/// is kept once: sending it again is a duplicate.
/// </summary>
public sealed record PartnerRecord
{
    /// <summary>Who sent it: "data.police.uk", a partner organisation, or "entered" for a person.</summary>
    public required string Source { get; init; }
    /// <summary>The source's own reference (a Crime ID, an incident number); unique within the source.</summary>
    public required string Reference { get; init; }
    /// <summary>The category as the source names it, e.g. the police "Crime type".</summary>
    public required string Category { get; init; }
    /// <summary>The month it happened, "YYYY-MM".</summary>
    public required string Month { get; init; }
    /// <summary>The date and time it happened, where the source gives them (police.uk gives only the month).</summary>
    public DateTimeOffset? OccurredAt { get; init; }
    public string? Location { get; init; }
    public string? LsoaCode { get; init; }
    public string? LsoaName { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Outcome { get; init; }
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset ReceivedAt { get; init; }
    public string? ReceivedFrom { get; init; }
    public long Revision { get; init; } = 1;

    [JsonIgnore]
    public string Key => Source + "|" + Reference;

    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;

    /// <summary>A yes/no detail ("deliberate", "weapon"): true only for "yes" or "true".</summary>
    public bool Is(string name) => Attribute(name) is { } v && (v.Equals("yes", StringComparison.OrdinalIgnoreCase) || v.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The record a theme keeps for a row of a data.police.uk street file, its source data.police.uk.</summary>
    public static PartnerRecord OfPoliceRow(RecordFiles.PoliceData.PoliceStreetRow row, DateTimeOffset receivedAt = default, string? receivedFrom = null) => new()
    {
        Source = RecordFiles.PoliceData.PoliceStreetRow.Source,
        Reference = row.Reference,
        Category = row.CrimeType,
        Month = row.Month,
        Location = row.Location,
        LsoaCode = row.LsoaCode,
        LsoaName = row.LsoaName,
        Latitude = row.Latitude,
        Longitude = row.Longitude,
        Outcome = row.Outcome,
        Attributes = row.Details().ToDictionary(),
        ReceivedAt = receivedAt,
        ReceivedFrom = receivedFrom,
    };

}

/// <summary>How many records of a category a month holds: the analysts' counts.</summary>
public sealed record RecordCount(string Month, string Category, int Count);

/// <summary>A place and how many records it holds in a period.</summary>
public sealed record LocationCount(string Name, string? Code, int Count);

public enum RecordOutcome
{
    Accepted,
    Duplicate,
    Rejected,
}
