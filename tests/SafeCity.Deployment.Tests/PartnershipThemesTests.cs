using SafeCity.Contracts.Themes;
using SafeCity.Testing;

namespace SafeCity.Deployment.Tests;

/// <summary>The one list of themes names every theme service there is, each as it describes itself.</summary>
public sealed class PartnershipThemesTests
{
    [Fact]
    public void Each_listed_theme_is_the_project_it_names_with_its_slug_and_priority()
    {
        foreach (var listed in PartnershipThemes.All)
        {
            var definition = ThemeDefinitions.Of(listed);
            Assert.Equal((listed.Slug, listed.Priority), (definition.Slug, definition.Priority));
            Assert.True(File.Exists(Path.Combine(Manifests.Root, listed.ProjectPath)), $"{listed.ProjectPath} is not in the repository");
        }
    }

    [Fact]
    public void Every_theme_service_in_the_repository_is_listed()
    {
        // A theme service is a project under services/ that describes its theme (a …Theme.cs beside its Program.cs).
        var inRepository = Directory.EnumerateDirectories(Path.Combine(Manifests.Root, "services"), "SafeCity.*")
            .Where(d => File.Exists(Path.Combine(d, "Program.cs")) && Directory.EnumerateFiles(d, "*Theme.cs").Any())
            .Select(d => Path.GetFileName(d)["SafeCity.".Length..])
            .Order(StringComparer.Ordinal);
        Assert.Equal(PartnershipThemes.All.Select(t => t.Project).Order(StringComparer.Ordinal), inRepository);
        Assert.Equal(Enumerable.Range(1, 7), PartnershipThemes.All.Select(t => t.Priority).Order());
    }
}
