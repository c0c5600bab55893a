using System.ComponentModel.DataAnnotations;

namespace SafeCity.Governance;

public sealed class GovernanceOptions
{
    public const string Section = "Governance";

    /// <summary>The theme services governance asks for their state, by name ("alcohol"); each is found by service discovery.</summary>
    public List<string> Themes { get; set; } = [];

    /// <summary>How long a governance that starts with an empty read model keeps trying to rebuild it from the themes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Governance:StartupRebuildWindow must be from {1} to {2}.")]
    public TimeSpan StartupRebuildWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often governance asks each theme whether it answers (0: never), so its pages can say when a theme's figures stopped being current.</summary>
    [Range(0, 3600, ErrorMessage = "Governance:ThemeCheckSeconds must be from {1} to {2} (0: never).")]
    public int ThemeCheckSeconds { get; set; } = 10;

    /// <summary>How long a theme's oldest event may wait in its outbox before governance's pages say its figures are pending.</summary>
    [Range(1, 86_400, ErrorMessage = "Governance:EventsOverdueSeconds must be from {1} to {2}.")]
    public int EventsOverdueSeconds { get; set; } = 60;
}
