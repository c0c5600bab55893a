using SafeCity.Contracts.Events;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Storage.Documents;

namespace SafeCity.Kernel.Messaging.RagTolerances;

/// <summary>
/// The tolerances this theme judges by: the PMG's, as governance last published them (kept in the
/// theme's own store, so a restart or an unreachable governance changes nothing), and until the first
/// such event the partnership's configured ones (Performance:RagTolerancePercent and
/// Performance:Tolerances), which governance starts from too.
/// </summary>
public sealed class ThemeTolerances(Tolerances configured, IDocumentStore documents)
{
    private const string Collection = "settings";
    private const string Id = "rag-tolerances";

    private volatile Tolerances _current = configured;

    public Tolerances Current => _current;

    /// <summary>When governance set the tolerances held; null while the configured ones stand.</summary>
    public DateTimeOffset? SetAt { get; private set; }

    public async Task LoadAsync(CancellationToken ct)
    {
        if (await documents.GetAsync<RagTolerancesSet>(Collection, Id, ct) is { } held)
        {
            Use(held);
        }
    }

    /// <summary>Keeps the tolerances if they are newer than those held; false when they were not (a redelivery, or older).</summary>
    public async Task<bool> ApplyAsync(RagTolerancesSet set, CancellationToken ct)
    {
        var held = await documents.GetAsync<RagTolerancesSet>(Collection, Id, ct);
        if (held is not null && held.SetAt >= set.SetAt)
        {
            return false;
        }

        await documents.PutAsync(Collection, Id, set, ct);
        Use(set);
        return true;
    }

    private void Use(RagTolerancesSet set)
    {
        _current = new Tolerances(set.DefaultPercent, new Dictionary<string, double>(set.PerIndicator, StringComparer.Ordinal));
        SetAt = set.SetAt;
    }
}
