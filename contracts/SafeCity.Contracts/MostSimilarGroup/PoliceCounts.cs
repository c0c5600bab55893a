namespace SafeCity.Contracts.MostSimilarGroup;

/// <summary>
/// One force's data.police.uk street file for one month, counted by district and crime type for the
/// Most Similar Group: counts only, nothing else of the rows. What <c>./safecity import police-street</c>
/// sends governance (POST /api/governance/most-similar-group/police-counts); the same month and force
/// sent again replaces what was held.
/// </summary>
/// <param name="Month">yyyy-MM, as the file names it.</param>
/// <param name="Force">The force as data.police.uk names it in its files ("hampshire", "devon-and-cornwall").</param>
/// <param name="File">The file's name, for the record of what was imported.</param>
/// <param name="Rows">Every row read, counted or not.</param>
/// <param name="WithoutLsoa">Rows with no LSOA code (no location): counted in no district.</param>
/// <param name="UnknownLsoa">Rows whose LSOA code is not in the ONS lookup: counted in no district.</param>
/// <param name="Rejected">Rows that could not be read, or of another month or an unknown crime type.</param>
/// <param name="Counts">The rows placed, as counts by district and crime type.</param>
public sealed record ForceMonthCounts(string Month, string Force, string File, long Rows, long WithoutLsoa, long UnknownLsoa, long Rejected, IReadOnlyList<DistrictCrimeCount> Counts);

/// <summary>How many rows of a crime type were placed in a district (2022 district codes, by the rows' LSOA codes).</summary>
public sealed record DistrictCrimeCount(string District, string CrimeType, int Count);
