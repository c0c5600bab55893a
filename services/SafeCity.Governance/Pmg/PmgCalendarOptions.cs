using System.ComponentModel.DataAnnotations;

namespace SafeCity.Governance.Pmg;

/// <summary>
/// When the Performance Management Group meets: every <see cref="IntervalWeeks"/> weeks from
/// <see cref="FirstMeeting"/> (paragraph 80: six-weekly). Configured under Pmg.
/// </summary>
public sealed class PmgCalendarOptions
{
    public const string Section = "Pmg";

    public DateOnly FirstMeeting { get; set; } = new(2008, 4, 17);

    [Range(1, 52, ErrorMessage = "Pmg:IntervalWeeks must be from {1} to {2}.")]
    public int IntervalWeeks { get; set; } = 6;
}
