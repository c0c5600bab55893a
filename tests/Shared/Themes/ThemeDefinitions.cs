using System.Reflection;
using SafeCity.Contracts.Themes;
using SafeCity.Kernel.Hosting;

namespace SafeCity.Testing;

/// <summary>Each theme service's own description, found from the one list of themes (for projects that reference the theme services).</summary>
public static class ThemeDefinitions
{
    public static IReadOnlyList<ThemeDefinition> All { get; } = [.. PartnershipThemes.All.Select(Of)];

    public static ThemeDefinition Of(PartnershipTheme theme) =>
        Assembly.Load("SafeCity." + theme.Project).GetTypes()
            .Select(t => t.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(ThemeDefinition))
            .Select(p => (ThemeDefinition)p!.GetValue(null)!)
            .Single();
}
