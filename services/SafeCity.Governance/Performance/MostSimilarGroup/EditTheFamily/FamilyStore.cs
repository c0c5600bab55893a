using SafeCity.Kernel.Storage.Documents;
using SafeCity.RecordFiles;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Governance.Performance.MostSimilarGroup.EditTheFamily;

/// <summary>
/// The family's versions: paragraph 11's, then each the PMG made (the Home Office revised the groups in
/// 2014), kept with who and why. A change applies from a month after every month already held, so a
/// comparison already made keeps the family it was made with.
/// </summary>
public sealed class FamilyStore(IDocumentStore documents, TimeProvider clock)
{
    private const string Collection = "msg-family";

    public const int MinMembers = 2;
    public const int MaxMembers = 30;
    public const int MaxWhy = 500;

    public async Task<IReadOnlyList<FamilyVersion>> VersionsAsync(CancellationToken ct) =>
        [FamilyVersion.OfParagraph11, .. (await documents.ListAsync<FamilyVersion>(Collection, ct)).OrderBy(v => v.Version)];

    /// <summary>The version that applies to a period starting in <paramref name="month"/> (yyyy-MM).</summary>
    public static FamilyVersion For(IReadOnlyList<FamilyVersion> versions, string month) => versions.Last(v => v.AppliesFrom(month));

    /// <summary>
    /// A new version, or the field that is wrong and why. Members are districts of England or Wales by
    /// name or code, one a line; Southampton must be one of them.
    /// </summary>
    public async Task<(FamilyVersion? Version, (string Field, string Message)? Problem)> ChangeAsync(
        string? members, string? from, string? why, string latestMonthHeld, string by, CancellationToken ct)
    {
        var versions = await VersionsAsync(ct);
        if (string.IsNullOrWhiteSpace(why) || why.Trim().Length > MaxWhy)
        {
            return (null, ("why", $"why must say why the family changes, 1 to {MaxWhy:N0} characters; it has {why?.Trim().Length ?? 0:N0}."));
        }

        var lines = (members ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length is < MinMembers or > MaxMembers)
        {
            return (null, ("members", $"members must be {MinMembers} to {MaxMembers} districts, one a line; there are {lines.Length:N0}."));
        }

        var family = new List<FamilyMember>();
        for (var i = 0; i < lines.Length; i++)
        {
            var district = ReferenceData.Districts.Values.FirstOrDefault(d =>
                d.Code.Equals(lines[i], StringComparison.OrdinalIgnoreCase) || d.Name.Equals(lines[i], StringComparison.OrdinalIgnoreCase)
                || d.Name.Replace(", City of", "", StringComparison.Ordinal).Equals(lines[i], StringComparison.OrdinalIgnoreCase));
            if (district is null)
            {
                return (null, ("members", $"Line {i + 1} of members is not a district of England or Wales by its name or code as the ONS lookup gives it ({lines[i].Length:N0} characters)."));
            }

            if (family.Any(m => m.District == district.Code))
            {
                return (null, ("members", $"Line {i + 1} of members names {district.Name} again."));
            }

            family.Add(new FamilyMember(district.Name.Replace(", City of", "", StringComparison.Ordinal), district.Code));
        }

        if (family.All(m => m.District != Family.HomeDistrict))
        {
            return (null, ("members", "members must include Southampton: the family is Southampton's."));
        }

        if (!RecordMonth.IsValid(from?.Trim()))
        {
            return (null, ("from", $"from must be the first month the family applies to, like 2024-02; it has {from?.Length ?? 0:N0} characters."));
        }

        from = from!.Trim();
        if (string.CompareOrdinal(from, latestMonthHeld) <= 0 || string.CompareOrdinal(from, versions[^1].From) <= 0)
        {
            return (null, ("from", $"from must be after {Later(latestMonthHeld, versions[^1].From)}: comparisons already made keep the family they were made with."));
        }

        var version = new FamilyVersion(versions[^1].Version + 1, from, family, clock.GetUtcNow(), by, why.Trim());
        return await documents.InsertAsync(Collection, $"v{version.Version}", version, ct)
            ? (version, null)
            : (null, ("members", "Someone else changed the family at the same moment: look again and make the change once more."));
    }

    private static string Later(string a, string b) => string.CompareOrdinal(a, b) >= 0 ? a : b;
}
