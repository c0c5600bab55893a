using System.Globalization;
using SafeCity.Kernel.Features.Dashboard;
using SafeCity.Kernel.Records;

namespace SafeCity.Kernel.Tests.Features;

/// <summary>The dashboard's map and day-and-hour chart, drawn from records' own coordinates and times.</summary>
public sealed class DashboardPicturesTests
{
    [Fact]
    public void Every_record_in_the_city_falls_in_one_hexagon_and_a_record_outside_it_is_left_off_and_counted()
    {
        var random = new Random(1);
        var places = Enumerable.Range(0, 400)
            .Select(_ => new RecordPlace(50.90 + random.NextDouble() * 0.04, -1.44 + random.NextDouble() * 0.08, null))
            .Append(new RecordPlace(57.1, -2.1, null)) // Aberdeen: mis-geocoded.
            .Append(new RecordPlace(null, null, null))
            .ToList();

        var map = RecordMap.Draw(places);

        Assert.Equal(1, map.WithoutCoordinates);
        Assert.Equal(1, map.OutsideFrame);
        Assert.Equal(400, map.Mapped);
        Assert.Equal(map.Mapped, map.Hexagons.Sum(h => h.Count));
        Assert.Equal(map.Hexagons.Max(h => h.Count), map.Busiest);
        Assert.Equal(map.Mapped, map.Lsoas.Sum(a => a.Count) + map.OutsideLsoas);
        // The city's boundary is drawn inside the picture.
        var corners = map.Boundary.Split('M', 'L', 'Z', ' ').Where(p => p.Length > 0).Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.True(corners.Count > 100, "Southampton's boundary has hundreds of corners, not a hull's handful.");
        Assert.All(corners, c => Assert.True(c[0] >= 0 && c[0] <= map.Width && c[1] >= 0 && c[1] <= map.Height, $"A corner of the boundary ({c[0]}, {c[1]}) is outside the picture."));
    }

    [Fact]
    public void Records_are_counted_in_the_LSOA_of_the_citys_own_boundaries_they_lie_in()
    {
        var places = Enumerable.Repeat(new RecordPlace(50.9045, -1.4040, null), 5) // Above Bar: Southampton 023D
            .Concat(Enumerable.Repeat(new RecordPlace(50.9410, -1.4500, null), 3)) // Southampton 004A
            .Concat(Enumerable.Repeat(new RecordPlace(50.8950, -1.3750, null), 2)) // Southampton 031A
            .Append(new RecordPlace(50.7920, -1.0910, null)) // Portsmouth: outside the city
            .ToList();

        var map = RecordMap.Draw(places);

        Assert.Equal(148, map.Lsoas.Count);
        Assert.Equal(
            [("E01017140", 5), ("E01017182", 3), ("E01017273", 2)],
            map.Lsoas.Where(a => a.Count > 0).OrderByDescending(a => a.Count).Select(a => (a.Code, a.Count)));
        Assert.Equal("Southampton 023D", map.Lsoas.Single(a => a.Code == "E01017140").Name);
        Assert.Equal(5, map.BusiestLsoa);
        Assert.Equal(1, map.OutsideFrame);
        Assert.All(map.Lsoas, a => Assert.StartsWith("M", a.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Records_in_one_spot_share_a_hexagon_and_records_apart_do_not()
    {
        var places = Enumerable.Repeat(new RecordPlace(50.9045, -1.4040, null), 5)
            .Concat(Enumerable.Repeat(new RecordPlace(50.9410, -1.4500, null), 3))
            .Concat(Enumerable.Repeat(new RecordPlace(50.8950, -1.3750, null), 2)).ToList();

        var map = RecordMap.Draw(places);

        Assert.Equal([2, 3, 5], map.Hexagons.Select(h => h.Count).Order().ToArray());
        Assert.Equal(50.9045, map.Hexagons.Single(h => h.Count == 5).Latitude, 6);
    }

    [Fact]
    public void No_coordinates_make_no_map()
    {
        var map = RecordMap.Draw([new RecordPlace(null, null, null), new RecordPlace(95, 0, null)]);

        Assert.Equal(0, map.Mapped);
        Assert.Equal(2, map.WithoutCoordinates);
        Assert.Empty(map.Hexagons);
    }

    [Fact]
    public void Times_are_counted_on_UK_clocks_by_day_of_the_week_Monday_first()
    {
        var places = new[]
        {
            // 23:30 UTC on Friday 4 July 2008 is 00:30 on Saturday in British Summer Time.
            new RecordPlace(null, null, new DateTimeOffset(2008, 7, 4, 23, 30, 0, TimeSpan.Zero)),
            // 23:30 UTC on Friday 5 December 2008 is 23:30 on Friday in GMT.
            new RecordPlace(null, null, new DateTimeOffset(2008, 12, 5, 23, 30, 0, TimeSpan.Zero)),
            new RecordPlace(null, null, new DateTimeOffset(2008, 12, 8, 9, 0, 0, TimeSpan.Zero)), // Monday
            new RecordPlace(50.9, -1.4, null),
        };

        var times = DayAndHour.Count(places);

        Assert.Equal(3, times.Timed);
        Assert.Equal(1, times.Untimed);
        Assert.Equal(1, times.At(5, 0)); // Saturday 00:00–00:59
        Assert.Equal(1, times.At(4, 23)); // Friday 23:00–23:59
        Assert.Equal(1, times.At(0, 9)); // Monday 09:00
        Assert.Equal(3, Enumerable.Range(0, 7).SelectMany(d => Enumerable.Range(0, 24).Select(h => times.At(d, h))).Sum());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(35)]
    [InlineData(50)]
    [InlineData(65)]
    [InlineData(80)]
    [InlineData(100)]
    public void Every_shade_keeps_its_figure_at_4_5_to_1_contrast_or_more(int count)
    {
        var (background, text) = DayAndHour.Shade(count, 100);

        var rgb = background["rgb(".Length..^1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var fore = text == "#ffffff" ? 1.0 : 0.0;
        var back = Luminance(rgb[0], rgb[1], rgb[2]);
        var contrast = (Math.Max(fore, back) + 0.05) / (Math.Min(fore, back) + 0.05);
        Assert.True(contrast >= 4.5, $"{count} of 100: {text} on {background} is {contrast:0.00}:1.");
    }

    [Fact]
    public void Every_shade_of_the_day_and_hour_table_keeps_its_figures_at_4_5_to_1_and_the_busiest_cell_is_the_darkest()
    {
        var scss = File.ReadAllText(Path.Combine(Repository(), "services", "SafeCity.Kernel", "Web", "Styles", "safecity.scss"));
        var shades = System.Text.RegularExpressions.Regex.Matches(scss, @"\.safecity-heat-(\d) \{ background: #([0-9a-f]{6}); color: #([0-9a-f]{6}); \}")
            .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => (Back: m.Groups[2].Value, Text: m.Groups[3].Value));
        Assert.Equal(Enumerable.Range(0, 10), shades.Keys.Order());
        foreach (var (shade, (back, text)) in shades)
        {
            double Channel(string hex, int at) => Convert.ToInt32(hex.Substring(at, 2), 16);
            var l1 = Luminance(Channel(back, 0), Channel(back, 2), Channel(back, 4));
            var l2 = Luminance(Channel(text, 0), Channel(text, 2), Channel(text, 4));
            var contrast = (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
            Assert.True(contrast >= 4.5, $"Shade {shade}: #{text} on #{back} is {contrast:0.00}:1.");
        }

        Assert.Equal(0, DayAndHour.Shading(0, 40));
        Assert.Equal(1, DayAndHour.Shading(1, 40));
        Assert.Equal(9, DayAndHour.Shading(40, 40));
    }

    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SafeCityPlatform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository holding the tests was not found.");
    }

    private static double Luminance(double r, double g, double b)
    {
        static double Linear(double c) => (c /= 255) <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
    }
}
