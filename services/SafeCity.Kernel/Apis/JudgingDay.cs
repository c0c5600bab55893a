using Microsoft.Extensions.Configuration;
using SafeCity.ServiceDefaults;

namespace SafeCity.Kernel.Apis;

/// <summary>
/// The day performance, overdue work and exceptions are judged as at when no one asks for another date
/// (the asAt every page and API takes): today; on a demonstration platform, the end of the year it
/// holds, 31 March 2009, so that its story is the year's and not one of figures seventeen years old.
/// Validation (a period not yet begun, a date in the future) always uses the real day.
/// </summary>
public sealed class JudgingDay(IConfiguration configuration)
{
    public static readonly DateOnly DemonstrationYearEnd = new(2009, 3, 31);

    /// <summary>Read on each call: the administrators' "fill with demonstration data" marks the data folder while the platform runs.</summary>
    public bool IsDemonstration => DemonstrationData.IsOn(configuration);

    public DateOnly Default(TimeProvider clock) => IsDemonstration ? DemonstrationYearEnd : Today(clock);

    /// <summary>For a class made without the platform's configuration (a test, a tool): today.</summary>
    public static DateOnly Of(JudgingDay? judging, TimeProvider clock) => judging?.Default(clock) ?? Today(clock);

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
