using SafeCity.RecordFiles.Reference;

namespace SafeCity.Kernel.Features.Dashboard;

/// <summary>
/// The city's own ground, from the boundaries the platform ships (ONS, Open Government Licence; see
/// RecordFiles/Reference/README.md): Southampton's district boundary and its 148 LSOAs of 2011.
/// </summary>
public static class CityGround
{
    private static readonly Lazy<GroundArea> DistrictBoundary = new(() => Boundaries.Read(ReferenceData.SouthamptonBoundary, "lad18cd", "lad18nm").Single());
    private static readonly Lazy<IReadOnlyList<GroundArea>> LsoaAreas = new(() => Boundaries.Read(ReferenceData.SouthamptonLsoaBoundaries, "LSOA11CD", "LSOA11NM"));

    public static GroundArea District => DistrictBoundary.Value;

    public static IReadOnlyList<GroundArea> Lsoas => LsoaAreas.Value;
}
