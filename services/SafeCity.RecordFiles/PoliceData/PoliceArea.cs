using SafeCity.RecordFiles.Reference;

namespace SafeCity.RecordFiles.PoliceData;

/// <summary>Whether a row lies in an area (a district, by name or code), placed by its LSOA code.</summary>
public static class PoliceArea
{
    /// <summary>
    /// By the row's LSOA code through the ONS lookup. A row with a code the lookup does not know lies in
    /// no area. Only a row that carries an LSOA name and no code at all is placed by its name's district
    /// part ("Southampton 029A" is Southampton), compared whole, never as a part of a longer name.
    /// </summary>
    public static bool Contains(string area, PoliceStreetRow row)
    {
        var wanted = area.Trim();
        if (row.LsoaCode is { } code)
        {
            return ReferenceData.LsoaDistricts.TryGetValue(code, out var place)
                && (place.DistrictName.Equals(wanted, StringComparison.OrdinalIgnoreCase) || place.DistrictCode.Equals(wanted, StringComparison.OrdinalIgnoreCase));
        }

        return string.Equals(row.LocalAuthority, wanted, StringComparison.OrdinalIgnoreCase);
    }
}
