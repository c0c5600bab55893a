using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.Kernel.Storage.Documents;

namespace SafeCity.Governance.Performance.MostSimilarGroup.ImportPoliceMonth;

/// <summary>A force's month as governance holds it: the counts, and who imported them when.</summary>
public sealed record HeldForceMonth(ForceMonthCounts Counts, DateTimeOffset ImportedAt, string ImportedBy);

/// <summary>
/// The national police counts governance holds for the Most Similar Group, one document per force and
/// month; importing the same force's month again replaces it, so an import can be repeated.
/// </summary>
public sealed class PoliceCountsStore(IDocumentStore documents, TimeProvider clock)
{
    private const string Collection = "msg-police-counts";

    // Every comparison reads every month held; they are read from the store once, then after each import.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<HeldForceMonth>? _held;

    public async Task<IReadOnlyList<HeldForceMonth>> ListAsync(CancellationToken ct)
    {
        if (_held is { } held)
        {
            return held;
        }

        await _gate.WaitAsync(ct);
        try
        {
            return _held ??= (await documents.ListAsync<HeldForceMonth>(Collection, ct))
                .OrderBy(h => h.Counts.Month, StringComparer.Ordinal).ThenBy(h => h.Counts.Force, StringComparer.Ordinal).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<HeldForceMonth> PutAsync(ForceMonthCounts counts, string by, CancellationToken ct)
    {
        var held = new HeldForceMonth(counts, clock.GetUtcNow(), by);
        await _gate.WaitAsync(ct);
        try
        {
            await documents.PutAsync(Collection, $"{counts.Month}-{counts.Force}", held, ct);
            _held = null;
        }
        finally
        {
            _gate.Release();
        }

        return held;
    }
}
