using System.Globalization;

namespace SafeCity.RecordFiles;

/// <summary>The month a record is counted in, written yyyy-MM as police.uk writes it.</summary>
public static class RecordMonth
{
    public static bool IsValid(string? text) =>
        text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>The month a moment falls in on UK clocks: 00:30 on 1 May (BST) is in May.</summary>
    public static string Of(DateTimeOffset at) => UkClock.UkTime(at).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
