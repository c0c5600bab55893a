namespace SafeCity.RecordFiles;

/// <summary>Times on UK clocks (GMT or BST), as the city's partners record them.</summary>
public static class UkClock
{
    private static readonly TimeZoneInfo UkZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset UkTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, UkZone);

    /// <summary>A clock time written without an offset, read as the UK clock showed it.</summary>
    public static DateTimeOffset FromUkClock(DateTime local) => new(local, UkZone.GetUtcOffset(local));
}
