using System.Globalization;

namespace SafeCity.Kernel.Apis;

/// <summary>
/// What a caller sent, as an answer may name it: the value itself when it is short enough to be an id, a
/// path or a name, else only its length. An answer never carries a long value back, so a refusal stays
/// small whatever was sent and no page can be made to show a caller's text at length.
/// </summary>
public static class SentValue
{
    /// <summary>The longest value an answer repeats: ids, periods and names are far shorter.</summary>
    public const int MaxShown = 100;

    public static string Shown(string? value) =>
        value is null ? "nothing"
        : value.Length <= MaxShown && !value.Any(char.IsControl) ? value
        : string.Create(CultureInfo.InvariantCulture, $"a value of {value.Length:N0} characters");

    /// <summary>A text's length as a refusal names it ("100,000"): a missing text has none.</summary>
    public static string LengthOf(string? text) => (text?.Length ?? 0).ToString("N0", CultureInfo.InvariantCulture);
}
