using SafeCity.Kernel.Records;

namespace SafeCity.Kernel.Features.Dashboard;

/// <summary>A hexagon of the map and how many records fell in it.</summary>
/// <param name="Points">The hexagon's corners in the picture's coordinates, as an SVG points list.</param>
public sealed record MapHexagon(string Points, int Count, double Latitude, double Longitude);

/// <summary>
/// A map of records drawn from their own coordinates, with no tiles from outside (the platform runs
/// where nothing outside can be reached): the outline the records trace (their convex hull), and
/// hexagons shaded by how many records each holds. The frame leaves out the farthest 1% each way,
/// so one mis-geocoded record does not shrink the city to a dot.
/// </summary>
public sealed record RecordMap(
    int Width,
    int Height,
    string Outline,
    IReadOnlyList<MapHexagon> Hexagons,
    int Mapped,
    int WithoutCoordinates,
    int OutsideFrame,
    int Busiest)
{
    public const int PictureWidth = 640;

    /// <summary>Hexagons across the picture: streets show as clusters without single records standing out.</summary>
    public const int HexagonsAcross = 28;

    public static RecordMap Draw(IReadOnlyList<RecordPlace> places)
    {
        var located = places.Where(p => p.Latitude is >= -90 and <= 90 && p.Longitude is >= -180 and <= 180)
            .Select(p => (Lat: p.Latitude!.Value, Lon: p.Longitude!.Value)).ToList();
        var without = places.Count - located.Count;
        if (located.Count == 0)
        {
            return new RecordMap(PictureWidth, 0, "", [], 0, without, 0, 0);
        }

        var lats = located.Select(p => p.Lat).Order().ToList();
        var lons = located.Select(p => p.Lon).Order().ToList();
        var (south, north) = (Percentile(lats, 0.01), Percentile(lats, 0.99));
        var (west, east) = (Percentile(lons, 0.01), Percentile(lons, 0.99));
        var framed = located.Where(p => p.Lat >= south && p.Lat <= north && p.Lon >= west && p.Lon <= east).ToList();

        // Equirectangular, with longitude shortened by the cosine of the latitude: true enough across a city.
        var squeeze = Math.Cos((south + north) / 2 * Math.PI / 180);
        var spanX = Math.Max((east - west) * squeeze, 1e-4);
        var spanY = Math.Max(north - south, 1e-4);
        const double margin = 12;
        var scale = (PictureWidth - 2 * margin) / spanX;
        var height = (int)Math.Ceiling(Math.Min(spanY * scale, PictureWidth * 1.2) + 2 * margin);
        scale = Math.Min(scale, (height - 2 * margin) / spanY);
        var points = framed.Select(p => (X: margin + (p.Lon - west) * squeeze * scale, Y: margin + (north - p.Lat) * scale, p.Lat, p.Lon)).ToList();

        var outline = string.Join(' ', ConvexHull(points.Select(p => (p.X, p.Y)).ToList()).Select(p => $"{N(p.X)},{N(p.Y)}"));

        // Pointy-topped hexagons in axial coordinates; each point goes to the nearest hexagon's centre.
        var size = (PictureWidth - 2 * margin) / HexagonsAcross / Math.Sqrt(3);
        var bins = new Dictionary<(int Q, int R), (int Count, double Lat, double Lon)>();
        foreach (var p in points)
        {
            var q = (Math.Sqrt(3) / 3 * p.X - p.Y / 3) / size;
            var r = 2.0 / 3 * p.Y / size;
            var key = Round(q, r);
            var (count, lat, lon) = bins.GetValueOrDefault(key);
            bins[key] = (count + 1, lat + p.Lat, lon + p.Lon);
        }

        var hexagons = bins.Select(b =>
        {
            var cx = size * Math.Sqrt(3) * (b.Key.Q + b.Key.R / 2.0);
            var cy = size * 1.5 * b.Key.R;
            var corners = Enumerable.Range(0, 6).Select(i => (Math.PI / 180) * (60 * i - 30))
                .Select(a => $"{N(cx + size * Math.Cos(a))},{N(cy + size * Math.Sin(a))}");
            return new MapHexagon(string.Join(' ', corners), b.Value.Count, b.Value.Lat / b.Value.Count, b.Value.Lon / b.Value.Count);
        }).OrderBy(h => h.Count).ToList();

        return new RecordMap(PictureWidth, height, outline, hexagons, framed.Count, without, located.Count - framed.Count, hexagons.Max(h => h.Count));
    }

    private static double Percentile(List<double> sorted, double share) => sorted[(int)Math.Round(share * (sorted.Count - 1))];

    private static (int Q, int R) Round(double q, double r)
    {
        var s = -q - r;
        var (rq, rr, rs) = (Math.Round(q), Math.Round(r), Math.Round(s));
        var (dq, dr, ds) = (Math.Abs(rq - q), Math.Abs(rr - r), Math.Abs(rs - s));
        if (dq > dr && dq > ds)
        {
            rq = -rr - rs;
        }
        else if (dr > ds)
        {
            rr = -rq - rs;
        }

        return ((int)rq, (int)rr);
    }

    /// <summary>Andrew's monotone chain: the smallest convex polygon holding every point.</summary>
    private static List<(double X, double Y)> ConvexHull(List<(double X, double Y)> points)
    {
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (sorted.Count < 3)
        {
            return sorted;
        }

        var hull = new List<(double X, double Y)>();
        foreach (var pass in new[] { sorted, Enumerable.Reverse(sorted).ToList() })
        {
            var start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0)
                {
                    hull.RemoveAt(hull.Count - 1);
                }

                hull.Add(p);
            }

            hull.RemoveAt(hull.Count - 1);
        }

        return hull;
    }

    private static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);

    private static string N(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
