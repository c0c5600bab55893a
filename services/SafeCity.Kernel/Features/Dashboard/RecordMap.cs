using SafeCity.Kernel.Records;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Kernel.Features.Dashboard;

/// <summary>A hexagon of the map and how many records fell in it.</summary>
/// <param name="Points">The hexagon's corners in the picture's coordinates, as an SVG points list.</param>
public sealed record MapHexagon(string Points, int Count, double Latitude, double Longitude);

/// <summary>An LSOA of the city, its outline as an SVG path in the picture's coordinates, and the records inside it.</summary>
public sealed record MapArea(string Code, string Name, string Path, int Count);

/// <summary>
/// The records of a span on the city's own ground, drawn with no tiles from outside (the platform runs
/// where nothing outside can be reached): Southampton's boundary and its LSOAs, shaded by how many
/// records fall inside each (a choropleth), and beside it the records as hexagons over the boundary.
/// A record outside the city's frame (a partner's record from elsewhere, or mis-geocoded) is counted, not drawn.
/// </summary>
public sealed record RecordMap(
    int Width,
    int Height,
    string Boundary,
    IReadOnlyList<MapArea> Lsoas,
    IReadOnlyList<MapHexagon> Hexagons,
    int Mapped,
    int WithoutCoordinates,
    int OutsideFrame,
    int Busiest)
{
    public const int PictureWidth = 640;

    /// <summary>Hexagons across the picture: streets show as clusters without single records standing out.</summary>
    public const int HexagonsAcross = 28;

    /// <summary>Records in the busiest LSOA.</summary>
    public int BusiestLsoa => Lsoas.Select(a => a.Count).DefaultIfEmpty(0).Max();

    /// <summary>Records inside the city's boundary but in none of its LSOAs as the 2011 shapes draw them (slivers along the shore).</summary>
    public int OutsideLsoas => Mapped - Lsoas.Sum(a => a.Count);

    public static RecordMap Draw(IReadOnlyList<RecordPlace> places)
    {
        var located = places.Where(p => p.Latitude is >= -90 and <= 90 && p.Longitude is >= -180 and <= 180)
            .Select(p => (Lat: p.Latitude!.Value, Lon: p.Longitude!.Value)).ToList();
        var without = places.Count - located.Count;

        // The frame is the city's boundary, a little wider.
        var frame = MapFrame.Around(CityGround.District.Bounds, PictureWidth);
        var framed = located.Where(p => frame.Holds(p.Lon, p.Lat)).ToList();
        var lsoas = CityGround.Lsoas.Select(area =>
        {
            var (w, s, e, n) = area.Bounds;
            var count = framed.Count(p => p.Lon >= w && p.Lon <= e && p.Lat >= s && p.Lat <= n && area.Contains(p.Lon, p.Lat));
            return new MapArea(area.Code, area.Name, frame.Path(area), count);
        }).ToList();
        var points = framed.Select(p => (Projected: frame.Project(p.Lon, p.Lat), p.Lat, p.Lon)).ToList();

        // Pointy-topped hexagons in axial coordinates; each point goes to the nearest hexagon's centre.
        var size = PictureWidth / (double)HexagonsAcross / Math.Sqrt(3);
        var bins = new Dictionary<(int Q, int R), (int Count, double Lat, double Lon)>();
        foreach (var (projected, lat, lon) in points)
        {
            var q = ((Math.Sqrt(3) / 3 * projected.X) - (projected.Y / 3)) / size;
            var r = 2.0 / 3 * projected.Y / size;
            var key = Round(q, r);
            var (count, sumLat, sumLon) = bins.GetValueOrDefault(key);
            bins[key] = (count + 1, sumLat + lat, sumLon + lon);
        }

        var hexagons = bins.Select(b =>
        {
            var cx = size * Math.Sqrt(3) * (b.Key.Q + (b.Key.R / 2.0));
            var cy = size * 1.5 * b.Key.R;
            var corners = Enumerable.Range(0, 6).Select(i => Math.PI / 180 * ((60 * i) - 30))
                .Select(a => $"{N(cx + (size * Math.Cos(a)))},{N(cy + (size * Math.Sin(a)))}");
            return new MapHexagon(string.Join(' ', corners), b.Value.Count, b.Value.Lat / b.Value.Count, b.Value.Lon / b.Value.Count);
        }).OrderBy(h => h.Count).ToList();

        return new RecordMap(PictureWidth, frame.Height, frame.Path(CityGround.District), lsoas, hexagons, framed.Count, without, located.Count - framed.Count,
            hexagons.Select(h => h.Count).DefaultIfEmpty(0).Max());
    }

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

    private static string N(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
