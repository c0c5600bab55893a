namespace SafeCity.Contracts.Themes;

/// <summary>One of the plan's seven priorities as the platform runs it: its service's name and project.</summary>
/// <param name="Slug">The service's name: its address (http://{slug}), its pages' prefix (/{slug}/) and its roles.</param>
/// <param name="Project">The project under services/ (SafeCity.{Project}).</param>
/// <param name="Priority">The plan's priority number, 1 to 7.</param>
public sealed record PartnershipTheme(string Slug, string Project, int Priority)
{
    /// <summary>The project file, from the repository's root.</summary>
    public string ProjectPath => $"services/SafeCity.{Project}/SafeCity.{Project}.csproj";
}
