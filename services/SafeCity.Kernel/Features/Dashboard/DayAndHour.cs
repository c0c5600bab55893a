using SafeCity.Kernel.Records;

namespace SafeCity.Kernel.Features.Dashboard;

/// <summary>
/// Records by day of the week and hour of the day, for those whose source gives a time (police.uk
/// gives only the month), on UK clocks whatever offset the source sent.
/// </summary>
public sealed record DayAndHour(int[,] Counts, int Timed, int Untimed)
{
    /// <summary>Monday first, as the partnership's weeks are read.</summary>
    public static IReadOnlyList<DayOfWeek> Days { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public int Busiest => Counts.Cast<int>().DefaultIfEmpty().Max();

    public int At(int day, int hour) => Counts[day, hour];

    public static DayAndHour Count(IReadOnlyList<RecordPlace> places)
    {
        var counts = new int[7, 24];
        var timed = 0;
        foreach (var sent in places.Select(p => p.OccurredAt).OfType<DateTimeOffset>())
        {
            var at = Web.UkFormat.UkTime(sent);
            counts[((int)at.DayOfWeek + 6) % 7, at.Hour]++;
            timed++;
        }

        return new DayAndHour(counts, timed, places.Count - timed);
    }

    /// <summary>
    /// A cell's shade, 0 (none) to 9 (the busiest), as a class of the stylesheet (.safecity-heat-N, which
    /// also gives the text colour): the pages' content security policy allows no inline styles.
    /// </summary>
    public static int Shading(int count, int busiest) => count <= 0 || busiest <= 0 ? 0 : Math.Max(1, (int)Math.Round(9.0 * count / busiest));

    /// <summary>
    /// A hexagon's fill on the map (an SVG attribute, not a style) from white to dark blue by its share of
    /// the busiest, and the text colour (black or white) that would keep a figure on it at 4.5:1 or more.
    /// </summary>
    public static (string Background, string Text) Shade(int count, int busiest)
    {
        var share = busiest == 0 ? 0 : (double)count / busiest;
        // From white (255,255,255) to #003078 (0,48,120).
        var (r, g, b) = (255 - 255 * share, 255 - 207 * share, 255 - 135 * share);
        static double Linear(double c) => (c /= 255) <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        var luminance = 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
        var text = (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000000" : "#ffffff";
        return (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rgb({r:0},{g:0},{b:0})"), text);
    }
}
