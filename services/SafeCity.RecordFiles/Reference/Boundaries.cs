using System.Text.Json;

namespace SafeCity.RecordFiles.Reference;

/// <summary>An area on the ground: its code, name and outline as rings of (longitude, latitude), the first of each polygon its outside.</summary>
public sealed record GroundArea(string Code, string Name, IReadOnlyList<IReadOnlyList<(double Lon, double Lat)>> Rings)
{
    /// <summary>Whether a point lies inside: an odd number of ring crossings (holes and islands alike).</summary>
    public bool Contains(double lon, double lat)
    {
        var inside = false;
        foreach (var ring in Rings)
        {
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                var (a, b) = (ring[i], ring[j]);
                if ((a.Lat > lat) != (b.Lat > lat) && lon < ((b.Lon - a.Lon) * (lat - a.Lat) / (b.Lat - a.Lat)) + a.Lon)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    public (double West, double South, double East, double North) Bounds =>
        (Rings.SelectMany(r => r).Min(p => p.Lon), Rings.SelectMany(r => r).Min(p => p.Lat), Rings.SelectMany(r => r).Max(p => p.Lon), Rings.SelectMany(r => r).Max(p => p.Lat));
}

/// <summary>The boundary files the platform ships (WGS84 GeoJSON), read into areas.</summary>
public static class Boundaries
{
    /// <summary>The areas of a GeoJSON file of polygons and multipolygons, named by two of their properties.</summary>
    public static IReadOnlyList<GroundArea> Read(string file, string codeProperty, string nameProperty)
    {
        using var json = JsonDocument.Parse(ReferenceData.Open(file));
        var areas = new List<GroundArea>();
        foreach (var feature in json.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var geometry = feature.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? geometry.GetProperty("coordinates").EnumerateArray().ToList()
                : [geometry.GetProperty("coordinates")];
            var rings = polygons.SelectMany(p => p.EnumerateArray())
                .Select(ring => (IReadOnlyList<(double, double)>)ring.EnumerateArray().Select(point => (point[0].GetDouble(), point[1].GetDouble())).ToList())
                .ToList();
            areas.Add(new GroundArea(properties.GetProperty(codeProperty).GetString()!, properties.GetProperty(nameProperty).GetString()!, rings));
        }

        return areas;
    }
}

/// <summary>
/// A picture's frame over longitude and latitude: equirectangular, longitude shortened by the cosine of
/// the middle latitude (true enough across a city or a country), north up, <paramref name="Width"/> wide.
/// </summary>
public sealed record MapFrame(double West, double South, double East, double North, int Width)
{
    private double Squeeze => Math.Cos((South + North) / 2 * Math.PI / 180);

    private double Scale => Width / ((East - West) * Squeeze);

    public int Height => (int)Math.Ceiling((North - South) * Scale);

    /// <summary>A frame around some bounds, a little wider each way.</summary>
    public static MapFrame Around((double West, double South, double East, double North) bounds, int width, double margin = 0.02)
    {
        var (padX, padY) = ((bounds.East - bounds.West) * margin, (bounds.North - bounds.South) * margin);
        return new MapFrame(bounds.West - padX, bounds.South - padY, bounds.East + padX, bounds.North + padY, width);
    }

    public bool Holds(double lon, double lat) => lat >= South && lat <= North && lon >= West && lon <= East;

    public (double X, double Y) Project(double lon, double lat) => ((lon - West) * Squeeze * Scale, (North - lat) * Scale);

    /// <summary>
    /// An area's outline as an SVG path. Rounded to <paramref name="step"/> pixels, and corners that round
    /// to the same place dropped: a country of districts drawn small stays a small page.
    /// </summary>
    public string Path(GroundArea area, double step = 0.1)
    {
        var rings = new List<string>();
        foreach (var ring in area.Rings)
        {
            var corners = new List<(double X, double Y)>();
            foreach (var (lon, lat) in ring)
            {
                var (x, y) = Project(lon, lat);
                var corner = (Math.Round(x / step) * step, Math.Round(y / step) * step);
                if (corners.Count == 0 || corners[^1] != corner)
                {
                    corners.Add(corner);
                }
            }

            if (corners.Count >= 3)
            {
                rings.Add("M" + string.Join('L', corners.Select(c => $"{N(c.X)},{N(c.Y)}")) + "Z");
            }
        }

        return string.Join(' ', rings);
    }

    private static string N(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
