namespace SafeCity.LocalPlatform;

/// <summary>A service of the platform as this machine runs it: its name and its project.</summary>
public sealed record PlatformService(string Name, string Project)
{
    public static PlatformService Governance { get; } = new("governance", "services/SafeCity.Governance/SafeCity.Governance");

    /// <summary>The theme services that exist so far, by slug.</summary>
    public static IReadOnlyList<PlatformService> Themes { get; } =
    [
        Theme("alcohol", "Alcohol"),
        Theme("violence", "Violence"),
        Theme("acquisitive-crime", "AcquisitiveCrime"),
        Theme("youth", "Youth"),
        Theme("asb-arson", "AsbArson"),
        Theme("drugs", "Drugs"),
        Theme("communities", "Communities"),
    ];

    private static PlatformService Theme(string slug, string project) => new(slug, $"services/SafeCity.{project}/SafeCity.{project}");

    public static PlatformService Gateway { get; } = new("gateway", "gateway/SafeCity.Gateway/SafeCity.Gateway");

    /// <summary>The built assembly, from the same configuration (Debug or Release) as the caller was built in.</summary>
    public string AssemblyPath(string repositoryRoot, string configuration) =>
        Path.Combine(repositoryRoot, Path.GetDirectoryName(Project)!, "bin", configuration, "net10.0", Path.GetFileName(Project) + ".dll");
}
