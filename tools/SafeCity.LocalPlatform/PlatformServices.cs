using SafeCity.Contracts.Themes;

namespace SafeCity.LocalPlatform;

/// <summary>A service of the platform as this machine runs it: its name and its project.</summary>
public sealed record PlatformService(string Name, string Project)
{
    public static PlatformService Governance { get; } = new("governance", "services/SafeCity.Governance/SafeCity.Governance");

    /// <summary>The theme services that exist so far, by slug.</summary>
    public static IReadOnlyList<PlatformService> Themes { get; } =
        [.. PartnershipThemes.All.Select(t => new PlatformService(t.Slug, t.ProjectPath[..^".csproj".Length]))];

    public static PlatformService Gateway { get; } = new("gateway", "gateway/SafeCity.Gateway/SafeCity.Gateway");

    /// <summary>The built assembly, from the same configuration (Debug or Release) as the caller was built in.</summary>
    public string AssemblyPath(string repositoryRoot, string configuration) =>
        Path.Combine(repositoryRoot, Path.GetDirectoryName(Project)!, "bin", configuration, "net10.0", Path.GetFileName(Project) + ".dll");
}
