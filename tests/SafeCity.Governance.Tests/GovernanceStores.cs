using SafeCity.Governance.Performance;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.Structure;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Storage.Sqlite;

namespace SafeCity.Governance.Tests;

/// <summary>Governance's own records on a real SQLite file (the Appendix C structure, the tolerances) over a read model a test feeds.</summary>
internal sealed record GovernanceStores(IDocumentStore Documents, PartnershipStructureStore Structure, ToleranceStore Tolerances, PartnershipPerformance Performance)
{
    public static async Task<GovernanceStores> OpenAsync(string folder, IPerformanceReadModel model)
    {
        var documents = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(folder, "governance.db")));
        await documents.InitializeAsync(CancellationToken.None);
        var structure = new PartnershipStructureStore(documents, PartnershipStructure.Load(typeof(GovernanceServiceHost).Assembly), TimeProvider.System);
        await structure.InitializeAsync(CancellationToken.None);
        var tolerances = new ToleranceStore(documents, new Tolerances(10, new Dictionary<string, double>()), TimeProvider.System);
        return new GovernanceStores(documents, structure, tolerances, new PartnershipPerformance(model, structure, tolerances, TimeProvider.System));
    }
}
