using System.Xml.Linq;
using SafeCity.Testing;

namespace SafeCity.Architecture.Tests;

/// <summary>What each project may reference, read from the project files themselves.</summary>
public sealed class ProjectReferenceTests
{
    private static readonly string[] ProductFolders = ["services/", "gateway/", "contracts/", "aspire-host/"];

    /// <summary>A project of the repository: its path from the root, its SDK and what it references (paths from the root).</summary>
    private sealed record Project(string Path, string Sdk, IReadOnlyList<string> References)
    {
        public bool IsService => Sdk == "Microsoft.NET.Sdk.Web";

        public bool IsProduct => ProductFolders.Any(f => Path.StartsWith(f, StringComparison.Ordinal));
    }

    private static readonly IReadOnlyList<Project> Projects = Load();

    private static List<Project> Load() =>
        Directory.EnumerateFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories)
            .Select(Relative)
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj" or "node_modules") && !p.StartsWith("tools/stryker/", StringComparison.Ordinal))
            .Select(path =>
            {
                var xml = XDocument.Load(System.IO.Path.Combine(RepositoryRoot.Path, path));
                var folder = System.IO.Path.GetDirectoryName(System.IO.Path.Combine(RepositoryRoot.Path, path))!;
                var references = xml.Descendants("ProjectReference")
                    .Select(r => Relative(System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, ((string)r.Attribute("Include")!).Replace('\\', '/')))))
                    .ToList();
                return new Project(path, ((string?)xml.Root!.Attribute("Sdk") ?? "").Split('/')[0], references);
            })
            .ToList();

    private static string Relative(string path) => System.IO.Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/');

    private static IEnumerable<string> Transitive(Project project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>(project.References);
        while (next.TryPop(out var path))
        {
            if (seen.Add(path) && Projects.FirstOrDefault(p => p.Path == path) is { } referenced)
            {
                foreach (var further in referenced.References)
                {
                    next.Push(further);
                }
            }
        }

        return seen;
    }

    [Fact]
    public void The_rules_read_every_project_of_the_platform()
    {
        // A rule over no projects would pass whatever the code did.
        Assert.Equal(9, Projects.Count(p => p.IsService));
        Assert.Contains(Projects, p => p.Path == "gateway/SafeCity.Demonstration/SafeCity.Demonstration.csproj");
        Assert.Contains(Projects, p => p.Path.StartsWith("tools/", StringComparison.Ordinal));
    }

    [Fact]
    public void No_product_project_references_the_tools()
    {
        var wrong = Projects.Where(p => p.IsProduct).SelectMany(p => Transitive(p).Where(r => r.StartsWith("tools/", StringComparison.Ordinal)).Select(r => $"{p.Path} → {r}"));

        Assert.Empty(wrong);
    }

    [Fact]
    public void A_service_references_no_other_service_only_the_kernel_the_contracts_and_libraries()
    {
        // The AppHost names every service to run it; it is not a service and is not referenced by one.
        var services = Projects.Where(p => p.IsService).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var wrong = Projects.Where(p => p.IsService).SelectMany(p => Transitive(p).Where(services.Contains).Select(r => $"{p.Path} → {r}"));

        Assert.Empty(wrong);
    }

    [Fact]
    public void The_gateway_depends_on_no_service_code_only_the_contracts_the_defaults_the_storage_and_the_demonstration()
    {
        var gateway = Projects.Single(p => p.Path == "gateway/SafeCity.Gateway/SafeCity.Gateway.csproj");

        Assert.Equal(
            [
                "aspire-host/SafeCity.ServiceDefaults/SafeCity.ServiceDefaults.csproj", "contracts/SafeCity.Contracts/SafeCity.Contracts.csproj",
                "gateway/SafeCity.Demonstration/SafeCity.Demonstration.csproj", "services/SafeCity.Storage/SafeCity.Storage.csproj",
            ],
            Transitive(gateway).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_storage_library_holds_nothing_of_a_service()
    {
        // The services and the gateway share it; it may know SQLite and the hosting defaults, nothing of theirs.
        var storage = Projects.Single(p => p.Path == "services/SafeCity.Storage/SafeCity.Storage.csproj");

        Assert.Equal(
            ["aspire-host/SafeCity.ServiceDefaults/SafeCity.ServiceDefaults.csproj", "contracts/SafeCity.Contracts/SafeCity.Contracts.csproj"],
            Transitive(storage).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_contracts_reference_nothing_of_the_platform()
    {
        Assert.Empty(Projects.Single(p => p.Path == "contracts/SafeCity.Contracts/SafeCity.Contracts.csproj").References);
    }
}
