using System.Text.Json;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Kernel.Features.Dashboard;

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

/// <summary>
/// The city's own ground, from the boundaries the platform ships (ONS, Open Government Licence; see
/// RecordFiles/Reference/README.md): Southampton's district boundary and its 148 LSOAs of 2011.
/// </summary>
public static class CityGround
{
    private static readonly Lazy<GroundArea> DistrictBoundary = new(() => Read(ReferenceData.SouthamptonBoundary, "lad18cd", "lad18nm").Single());
    private static readonly Lazy<IReadOnlyList<GroundArea>> LsoaAreas = new(() => Read(ReferenceData.SouthamptonLsoaBoundaries, "LSOA11CD", "LSOA11NM"));

    public static GroundArea District => DistrictBoundary.Value;

    public static IReadOnlyList<GroundArea> Lsoas => LsoaAreas.Value;

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
