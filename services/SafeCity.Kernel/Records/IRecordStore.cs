namespace SafeCity.Kernel.Records;

/// <summary>A theme's register of partner records, in the service's own database.</summary>
public interface IRecordStore
{
    /// <summary>Prepares the store; where the measures' rules changed since their tallies were kept, works the tallies out again.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>
    /// Adds the records whose (source, reference) is not held yet, all in one transaction, and says
    /// for each whether it was added or was a duplicate.
    /// </summary>
    Task<IReadOnlyList<RecordOutcome>> AddAsync(IReadOnlyList<PartnerRecord> records, Audit.AuditEntry? audit, CancellationToken ct);

    /// <summary>Replaces a held record with a corrected one (same source and reference), raising its revision.</summary>
    Task<PartnerRecord?> CorrectAsync(PartnerRecord corrected, Audit.AuditEntry? audit, CancellationToken ct);

    Task<PartnerRecord?> GetAsync(string source, string reference, CancellationToken ct);

    /// <summary>Records of the query's months, from its first to its last (inclusive), optionally of some categories and an LSOA.</summary>
    Task<IReadOnlyList<PartnerRecord>> FindAsync(RecordQuery query, CancellationToken ct);

    /// <summary>Each computed measure's tally over the months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> (inclusive), by measure name.</summary>
    Task<IReadOnlyDictionary<string, Tally>> TallyAsync(string fromMonth, string toMonth, CancellationToken ct);

    /// <summary>Counts by month and category, in month then category order.</summary>
    Task<IReadOnlyList<RecordCount>> CountAsync(string fromMonth, string toMonth, CancellationToken ct);

    /// <summary>The places with the most records in the span: streets ("On or near …") or LSOAs.</summary>
    Task<IReadOnlyList<LocationCount>> TopLocationsAsync(string fromMonth, string toMonth, LocationLevel level, int top, CancellationToken ct);

    /// <summary>Where and when each record of the span happened, as far as its source says: for the map and the day-and-hour chart.</summary>
    Task<IReadOnlyList<RecordPlace>> PlacesAsync(string fromMonth, string toMonth, CancellationToken ct);

    /// <summary>The months that hold any record.</summary>
    Task<IReadOnlyList<string>> MonthsAsync(CancellationToken ct);
}

/// <summary>A record's coordinates and time, where its source gives them (police.uk gives no time).</summary>
public sealed record RecordPlace(double? Latitude, double? Longitude, DateTimeOffset? OccurredAt);

public enum LocationLevel
{
    Street,
    Lsoa,
}

public sealed record RecordQuery(string FromMonth, string ToMonth)
{
    public IReadOnlyCollection<string>? Categories { get; init; }
    public string? LsoaCode { get; init; }
    public int Limit { get; init; } = int.MaxValue;
    public int Offset { get; init; }
}
