using System.Reflection;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Architecture.Tests;

/// <summary>Every table of every store comes from a numbered migration, under a part's name no other store uses.</summary>
public sealed class SchemaRuleTests
{
    private static readonly Assembly[] Stores =
    [
        typeof(Kernel.Hosting.ThemeServiceHost).Assembly, typeof(Governance.GovernanceServiceHost).Assembly, typeof(Gateway.GatewayOptions).Assembly,
    ];

    private static List<StoreSchema> Schemas() =>
        Stores.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(StoreSchema))
            .Select(f => (StoreSchema)f.GetValue(null)!)
            .ToList();

    [Fact]
    public void Each_store_declares_its_schema_under_a_part_of_its_own()
    {
        var parts = Schemas().Select(s => s.Part).ToList();

        // theme-store, outbox, audit, records, documents, read-model; the gateway's accounts, partner register,
        // reminders, sessions, sign-in guard and audit.
        Assert.Equal(12, parts.Count);
        Assert.Equal(parts.Count, parts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Tables_are_made_and_changed_only_in_numbered_migrations()
    {
        var files = new[] { "services", "gateway" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "SafeCity.Storage"))
            .Select(f => (Path: Path.GetRelativePath(RepositoryRoot.Path, f), Text: File.ReadAllText(f)))
            .Where(f => f.Text.Contains("CREATE TABLE", StringComparison.OrdinalIgnoreCase) || f.Text.Contains("ALTER TABLE", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.True(files.Count >= 10, $"only {files.Count} files make tables: the rule would read nothing");
        Assert.Empty(files.Where(f => !f.Text.Contains("StoreSchema Schema = new(", StringComparison.Ordinal) || !f.Text.Contains("SchemaMigration.", StringComparison.Ordinal)).Select(f => f.Path));
    }
}
