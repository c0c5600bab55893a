using SafeCity.RecordFiles.Reference;

namespace SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;

/// <summary>
/// England and Wales drawn small from the districts the platform ships (ONS, May 2024, ultra-generalised),
/// for the family's map on /msg: every district as a pale shape, and each member's district on its own so
/// it can be shaded by its rate. Built once; the outlines are rounded to whole pixels to keep the page small.
/// </summary>
public static class FamilyMapPicture
{
    public const int Width = 320;

    private static readonly Lazy<(MapFrame Frame, string Background, IReadOnlyDictionary<string, string> Districts)> Drawn = new(Draw);

    public static MapFrame Frame => Drawn.Value.Frame;

    /// <summary>Every district of England and Wales, as one SVG path.</summary>
    public static string Background => Drawn.Value.Background;

    /// <summary>A district's outline, by its code; null for a code the boundaries do not hold.</summary>
    public static string? District(string code) => Drawn.Value.Districts.GetValueOrDefault(code);

    private static (MapFrame, string, IReadOnlyDictionary<string, string>) Draw()
    {
        var areas = Boundaries.Read(ReferenceData.DistrictBoundaries, "LAD24CD", "LAD24NM").Where(a => a.Code[0] is 'E' or 'W').ToList();
        var bounds = (areas.Min(a => a.Bounds.West), areas.Min(a => a.Bounds.South), areas.Max(a => a.Bounds.East), areas.Max(a => a.Bounds.North));
        var frame = MapFrame.Around(bounds, Width);
        var background = string.Join(' ', areas.Select(a => frame.Path(a, step: 1)).Where(p => p.Length > 0));
        return (frame, background, areas.ToDictionary(a => a.Code, a => frame.Path(a, step: 0.5), StringComparer.Ordinal));
    }
}
