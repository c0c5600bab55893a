using SafeCity.Kernel.Storage.Documents;

namespace SafeCity.Governance.Performance.MostSimilarGroup;

/// <summary>Imported Most Similar Group comparisons, kept as governance records.</summary>
public sealed class MostSimilarGroupComparisons(IDocumentStore documents, TimeProvider clock)
{
    private const string Collection = "msg-comparisons";

    /// <summary>The Most Similar Group as seed paragraph 11 lists it.</summary>
    public static IReadOnlyList<string> Members { get; } = Family.OfParagraph11.Select(m => m.Name).ToList();

    public async Task<IReadOnlyList<MostSimilarGroupComparison>> ListAsync(CancellationToken ct) =>
        (await documents.ListAsync<MostSimilarGroupComparison>(Collection, ct)).OrderByDescending(c => c.ImportedAt).ToList();

    public Task<MostSimilarGroupComparison?> GetAsync(string id, CancellationToken ct) => documents.GetAsync<MostSimilarGroupComparison>(Collection, id, ct);

    /// <summary>Imports a file; on any problem nothing is kept and every problem is returned.</summary>
    public async Task<(MostSimilarGroupComparison? Comparison, IReadOnlyList<MostSimilarGroupProblem> Problems)> ImportAsync(string? measure, string? period, string text, string by, CancellationToken ct)
    {
        var problems = new List<MostSimilarGroupProblem>();
        if (string.IsNullOrWhiteSpace(measure))
        {
            problems.Add(new MostSimilarGroupProblem(0, "Enter what the rates measure, for example NI 16 serious acquisitive crime."));
        }

        if (!SafeCity.Kernel.Domain.ReportingPeriod.TryParse(period, out var parsed))
        {
            problems.Add(new MostSimilarGroupProblem(0, "Enter the period as " + SafeCity.Kernel.Domain.ReportingPeriod.FormatHelp + "."));
        }

        var (rates, fileProblems) = MostSimilarGroupFile.Read(text, Members);
        problems.AddRange(fileProblems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var comparison = new MostSimilarGroupComparison(Guid.NewGuid().ToString("N")[..12], measure!.Trim(), parsed.ToString(), rates, clock.GetUtcNow(), by);
        await documents.InsertAsync(Collection, comparison.Id, comparison, ct);
        return (comparison, []);
    }
}
