namespace SafeCity.Kernel.Domain;

/// <summary>How an action stood on a past date, from its revisions: the rule a theme and governance read their histories by.</summary>
public static class ActionHistory
{
    /// <summary>The end of a day, as the instant a revision must precede to count on that day (UTC).</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>
    /// The latest revision made by the end of the day; a revision with no time (the state the plan was
    /// imported with) stood from the start. Null when every revision held came later: the action was
    /// then as imported, not started and not rated.
    /// </summary>
    public static T? StateAt<T>(IEnumerable<T> revisions, Func<T, long> revision, Func<T, DateTimeOffset?> madeAt, DateOnly day) where T : class
    {
        var end = EndOf(day);
        return revisions.Where(r => madeAt(r) is not { } at || at < end).MaxBy(revision);
    }
}
