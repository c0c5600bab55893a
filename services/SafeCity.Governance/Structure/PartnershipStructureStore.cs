using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Storage.Documents;

namespace SafeCity.Governance.Structure;

/// <summary>One version of the Appendix C structure: who changed what, when, and the structure that resulted.</summary>
public sealed record StructureVersion(int Version, DateTimeOffset ChangedAt, string ChangedBy, string Change, PartnershipStructure Structure);

public sealed class StructureEditException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// The partnership's governance structure, editable by an administrator: version 1 is Appendix C as
/// the plan draws it; every change writes a new version and none is ever overwritten, so the history
/// of the partnership's structure can be read back.
/// </summary>
public sealed class PartnershipStructureStore(IDocumentStore documents, PartnershipStructure appendixC, TimeProvider clock)
{
    private const string Collection = "structure";

    public async Task InitializeAsync(CancellationToken ct)
    {
        if ((await documents.ListAsync<StructureVersion>(Collection, ct)).Count == 0)
        {
            await documents.InsertAsync(Collection, Key(1), new StructureVersion(1, clock.GetUtcNow(), "the plan", "Appendix C of the Safe City Partnership Plan 2008–2011", appendixC), ct);
        }
    }

    public async Task<IReadOnlyList<StructureVersion>> HistoryAsync(CancellationToken ct) =>
        (await documents.ListAsync<StructureVersion>(Collection, ct)).OrderByDescending(v => v.Version).ToList();

    public async Task<StructureVersion> LatestAsync(CancellationToken ct) =>
        (await HistoryAsync(ct)).FirstOrDefault() ?? new StructureVersion(1, DateTimeOffset.MinValue, "the plan", "Appendix C", appendixC);

    public async Task<PartnershipStructure> CurrentAsync(CancellationToken ct) => (await LatestAsync(ct)).Structure;

    public Task<StructureVersion> RenameAsync(int expectedVersion, string body, string newName, string? role, string by, CancellationToken ct) =>
        ChangeAsync(expectedVersion, by, $"Renamed {body} to {newName}", tree =>
        {
            newName = Required(newName, "name", "Enter the body's name");
            if (newName != body && IsFixed(tree, body))
            {
                throw new StructureEditException("name", $"{body} is how the plan and the services name it, so it keeps its name; its role can change.");
            }

            if (newName != body && Exists(tree, newName))
            {
                throw new StructureEditException("name", $"There is already a body called {newName}.");
            }

            return Map(tree, body, b => b with { Name = newName, Role = string.IsNullOrWhiteSpace(role) ? b.Role : role.Trim() });
        }, ct);

    public Task<StructureVersion> AddAsync(int expectedVersion, string parent, string name, string? role, string by, CancellationToken ct) =>
        ChangeAsync(expectedVersion, by, $"Added {name} under {parent}", tree =>
        {
            name = Required(name, "name", "Enter the new body's name");
            if (Exists(tree, name))
            {
                throw new StructureEditException("name", $"There is already a body called {name}.");
            }

            return Map(tree, parent, b => b with { Children = [.. b.Children, new GovernanceBody { Name = name, Role = string.IsNullOrWhiteSpace(role) ? null : role.Trim() }] });
        }, ct);

    public Task<StructureVersion> RemoveAsync(int expectedVersion, string body, string by, CancellationToken ct) =>
        ChangeAsync(expectedVersion, by, $"Removed {body}", tree =>
        {
            var found = tree.SelfAndDescendants().FirstOrDefault(b => b.Name == body) ?? throw new StructureEditException("body", $"There is no body called {SentValue.Shown(body)}.");
            if (IsFixed(tree, body))
            {
                throw new StructureEditException("body", $"{body} is part of the plan's structure and cannot be removed.");
            }

            if (found.Children.Count > 0)
            {
                throw new StructureEditException("body", $"{body} has groups under it: remove or move those first.");
            }

            return Prune(tree, body);
        }, ct);

    public Task<StructureVersion> SetPlansAsync(int expectedVersion, string body, IReadOnlyList<int> plans, string by, CancellationToken ct) =>
        ChangeAsync(expectedVersion, by, $"{body} owns plans {(plans.Count == 0 ? "none" : string.Join(", ", plans))}", tree =>
        {
            if (plans.Any(p => p < 1))
            {
                throw new StructureEditException("plans", "Plan numbers are whole numbers from 1.");
            }

            return Map(tree, body, b => b with { Plans = plans.Distinct().Order().ToList() });
        }, ct);

    private async Task<StructureVersion> ChangeAsync(int expectedVersion, string by, string change, Func<GovernanceBody, GovernanceBody> edit, CancellationToken ct)
    {
        var latest = await LatestAsync(ct);
        if (latest.Version != expectedVersion)
        {
            throw new StructureEditException("version", $"The structure was changed by {latest.ChangedBy} since you opened it (now version {latest.Version}): reload and try again.");
        }

        var next = new StructureVersion(latest.Version + 1, clock.GetUtcNow(), by, change, latest.Structure with { Tree = edit(latest.Structure.Tree) });
        if (!await documents.InsertAsync(Collection, Key(next.Version), next, ct))
        {
            throw new StructureEditException("version", "Someone else changed the structure at the same moment: reload and try again.");
        }

        return next;
    }

    private static string Key(int version) => version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static string Required(string? text, string field, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new StructureEditException(field, message) : text.Trim();

    /// <summary>The boxes the rest of governance finds by name: the top, the partnership, the priorities, the PMG.</summary>
    private static bool IsFixed(GovernanceBody tree, string name) =>
        name == tree.Name || name.StartsWith("Priority ", StringComparison.Ordinal) || name.EndsWith("Safe City Partnership", StringComparison.Ordinal)
        || name.StartsWith("Performance Management Group", StringComparison.Ordinal);

    private static bool Exists(GovernanceBody tree, string name) => tree.SelfAndDescendants().Any(b => b.Name == name);

    private static GovernanceBody Map(GovernanceBody tree, string name, Func<GovernanceBody, GovernanceBody> change)
    {
        if (!Exists(tree, name))
        {
            throw new StructureEditException("body", $"There is no body called {SentValue.Shown(name)}.");
        }

        return Walk(tree);

        GovernanceBody Walk(GovernanceBody b) => b.Name == name ? change(b) : b with { Children = b.Children.Select(Walk).ToList() };
    }

    private static GovernanceBody Prune(GovernanceBody b, string name) =>
        b with { Children = b.Children.Where(c => c.Name != name).Select(c => Prune(c, name)).ToList() };
}
