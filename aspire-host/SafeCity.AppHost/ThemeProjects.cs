using System.Reflection;
using SafeCity.Contracts.Themes;

namespace SafeCity.AppHost;

/// <summary>The theme services from the one list of themes, each as the project the AppHost references.</summary>
public static class ThemeProjects
{
    // AddProject<Projects.SafeCity_…> rather than AddProject(name, path): the generated metadata of a
    // referenced project tells Aspire it is built with the AppHost, so it is run with --no-build; by path,
    // each theme would be built again at start, seven at once.
    private static readonly MethodInfo AddReferenced = typeof(ProjectResourceBuilderExtensions).GetMethods()
        .Single(m => m.Name == nameof(ProjectResourceBuilderExtensions.AddProject) && m.IsGenericMethodDefinition
            && m.GetParameters() is [{ ParameterType: var b }, { ParameterType: var n }] && b == typeof(IDistributedApplicationBuilder) && n == typeof(string));

    public static IResourceBuilder<ProjectResource> Add(IDistributedApplicationBuilder builder, PartnershipTheme theme)
    {
        var metadata = typeof(ThemeProjects).Assembly.GetType($"Projects.SafeCity_{theme.Project}")
            ?? throw new InvalidOperationException($"The AppHost does not reference {theme.ProjectPath}: add it to SafeCity.AppHost.csproj.");
        return (IResourceBuilder<ProjectResource>)AddReferenced.MakeGenericMethod(metadata).Invoke(null, [builder, theme.Slug])!;
    }
}
