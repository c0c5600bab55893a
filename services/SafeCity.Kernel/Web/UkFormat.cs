using System.Globalization;
using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Web;

/// <summary>UK conventions for people: "26 November 2026", "26 November 2026 at 14:05" in UK time.</summary>
public static class UkFormat
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, UkTime).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, UkTime).ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    public static string Number(double? value, IndicatorUnit unit = IndicatorUnit.Count) => value switch
    {
        null => "—",
        { } v when unit == IndicatorUnit.Percentage => v.ToString("#,##0.##", CultureInfo.InvariantCulture) + "%",
        { } v => v.ToString("#,##0.##", CultureInfo.InvariantCulture),
    };

    public static string Words(Rag rag) => rag == Rag.NotRated ? "Not rated" : rag.ToString();

    public static string Words(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.InProgress => "In progress",
        _ => status.ToString(),
    };

    public static string Words(Polarity polarity) => polarity == Polarity.LowerIsBetter ? "Lower is better" : "Higher is better";

    public static string Words(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.RatePer1000 => "Rate per 1,000",
        IndicatorUnit.RatePer100000 => "Rate per 100,000",
        _ => unit.ToString(),
    };
}
