using SafeCity.Kernel.Storage.Documents;
using SafeCity.RecordFiles;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Governance.Performance.MostSimilarGroup.ImportPopulation;

/// <summary>The population estimates governance holds: the two the platform ships, and any imported since.</summary>
public sealed class PopulationEstimates(IDocumentStore documents, TimeProvider clock)
{
    private const string Collection = "msg-populations";

    public const int EarliestYear = 1981;

    private static readonly Lazy<IReadOnlyList<PopulationEstimate>> Shipped = new(() =>
    [
        Read("population-mid2019-ltla19.csv", 2019, "ONS mid-2019 population estimates by district (2019 codes), MYE2; shipped with the platform"),
        Read("population-mid2020-ltla21.csv", 2020, "ONS mid-2020 population estimates on 2021 district codes; shipped with the platform"),
    ]);

    public async Task<IReadOnlyList<PopulationEstimate>> ListAsync(CancellationToken ct)
    {
        var imported = await documents.ListAsync<PopulationEstimate>(Collection, ct);
        return imported.Concat(Shipped.Value.Where(s => imported.All(i => i.MidYear != s.MidYear))).OrderBy(e => e.MidYear).ToList();
    }

    /// <summary>Imports a file of every district's people: all rows or none, each bad row named.</summary>
    public async Task<(PopulationEstimate? Estimate, IReadOnlyList<RejectedRow> Problems)> ImportAsync(int midYear, string? source, string text, string by, CancellationToken ct)
    {
        if (midYear < EarliestYear || midYear > clock.GetUtcNow().Year)
        {
            return (null, [new RejectedRow(0, $"midYear must be a year from {EarliestYear} to this year.")]);
        }

        var (districts, problems) = await PopulationFile.ReadAsync(new StringReader(text), ct);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var estimate = new PopulationEstimate(midYear, string.IsNullOrWhiteSpace(source) ? $"ONS mid-{midYear} population estimates, imported" : source.Trim(), districts, clock.GetUtcNow(), by);
        await documents.PutAsync(Collection, $"mid-{midYear}", estimate, ct);
        return (estimate, []);
    }

    private static PopulationEstimate Read(string file, int midYear, string source)
    {
        using var reader = new StreamReader(ReferenceData.Open(file));
        var (districts, problems) = PopulationFile.ReadAsync(reader, CancellationToken.None).GetAwaiter().GetResult();
        return problems.Count == 0 ? new PopulationEstimate(midYear, source, districts)
            : throw new InvalidDataException($"{file}, shipped with the platform, cannot be read: line {problems[0].Line}: {problems[0].Reason}");
    }
}
