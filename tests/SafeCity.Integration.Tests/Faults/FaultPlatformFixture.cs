namespace SafeCity.Integration.Tests.Faults;

/// <summary>A platform of its own for the fault tests, which stop the broker and kill services.</summary>
public sealed class FaultPlatformFixture : PlatformFixture
{
    // A small bound on a streamed call, so that a test can exceed it without sending 50,000 records.
    public const int MaxRecordsPerCall = 1000;

    // Events waiting longer than this count as overdue here (a minute in production), so that a test need not wait a minute.
    public const int EventsOverdueSeconds = 5;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Limits__MaxRecordsPerCall"] = MaxRecordsPerCall.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Governance__EventsOverdueSeconds"] = EventsOverdueSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Governance__ThemeCheckSeconds"] = "2",
    };
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultPlatformFixture>
{
    public const string Name = "faults";
}
