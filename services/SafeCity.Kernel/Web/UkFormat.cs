using System.Globalization;
using SafeCity.Kernel.Domain;
using SafeCity.RecordFiles;

namespace SafeCity.Kernel.Web;

/// <summary>UK conventions for people: "26 November 2026", "26 November 2026 at 14:05" in UK time.</summary>
public static class UkFormat
{
    /// <summary>The same moment on UK clocks (GMT or BST).</summary>
    public static DateTimeOffset UkTime(DateTimeOffset at) => UkClock.UkTime(at);

    /// <summary>A time a person typed, read as UK clock time.</summary>
    public static DateTimeOffset FromUkClock(System.DateTime local) => UkClock.FromUkClock(local);

    public static string Date(DateTimeOffset at) => UkTime(at).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"14:05" on UK clocks.</summary>
    public static string Time(DateTimeOffset at) => UkTime(at).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) => UkTime(at).ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    public static string Number(double? value, IndicatorUnit unit = IndicatorUnit.Count) => value switch
    {
        null => "—",
        { } v when unit == IndicatorUnit.Percentage => v.ToString("#,##0.##", CultureInfo.InvariantCulture) + "%",
        { } v => v.ToString("#,##0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>Any other enum value as words: OnCourse → "On course".</summary>
    public static string Words<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var words = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            words.Append(i > 0 && char.IsUpper(name[i]) ? " " + char.ToLowerInvariant(name[i]) : name[i].ToString());
        }

        return words.ToString();
    }

    /// <summary>The text with its first letter a capital, as a sentence starts.</summary>
    public static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string Words(Rag rag) => rag == Rag.NotRated ? "Not rated" : rag.ToString();

    public static string Words(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.InProgress => "In progress",
        _ => status.ToString(),
    };

    /// <summary>An action's status as events and stores write it ("InProgress"), in words; another status (a remedial action's "Open") as it is.</summary>
    public static string StatusWords(string status) =>
        Enum.TryParse<ActionStatus>(status, out var known) && Enum.IsDefined(known) && !char.IsDigit(status[0]) ? Words(known) : status;

    public static string Words(Polarity polarity) => polarity == Polarity.LowerIsBetter ? "Lower is better" : "Higher is better";

    public static string Words(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.RatePer1000 => "Rate per 1,000",
        IndicatorUnit.RatePer100000 => "Rate per 100,000",
        IndicatorUnit.RatePer100 => "Rate per 100",
        _ => unit.ToString(),
    };
}
