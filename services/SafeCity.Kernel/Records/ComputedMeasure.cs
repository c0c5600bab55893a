using System.Globalization;

namespace SafeCity.Kernel.Records;

/// <summary>
/// A figure a theme computes from its records for any span of months: a count, a share, a rate per
/// 1,000 people. Where it stands for one of the plan's indicators (<see cref="IndicatorId"/>), each
/// month's value is recorded as that indicator's measurement, marked "computed", and published like
/// an entered one.
/// </summary>
public sealed record ComputedMeasure
{
    public required string Name { get; init; }
    public string? IndicatorId { get; init; }
    /// <summary>How it is computed, in words, shown beside the figure.</summary>
    public required string HowComputed { get; init; }
    /// <summary>The record categories it reads.</summary>
    public required IReadOnlyCollection<string> Categories { get; init; }
    /// <summary>The figure over a span's records (of <see cref="Categories"/> only); null where it cannot be worked out.</summary>
    public required Func<IReadOnlyList<PartnerRecord>, int, double?> Compute { get; init; }

    /// <summary>
    /// How many records match. None (rather than 0) where no record of the span says what the count
    /// reads (<paramref name="says"/>, by default: any record of its categories), so a month with no
    /// data never passes for a month with no crime.
    /// </summary>
    public static ComputedMeasure Count(string name, string? indicatorId, string how, IReadOnlyCollection<string> categories, Func<PartnerRecord, bool>? where = null, Func<PartnerRecord, bool>? says = null) => new()
    {
        Name = name,
        IndicatorId = indicatorId,
        HowComputed = how,
        Categories = categories,
        Compute = (records, _) => records.Any(says ?? (_ => true)) ? records.Count(where ?? (_ => true)) : null,
    };

    /// <summary>The percentage of the records in <paramref name="of"/> that also match <paramref name="that"/>; none where none are in <paramref name="of"/>.</summary>
    public static ComputedMeasure Share(string name, string? indicatorId, string how, IReadOnlyCollection<string> categories, Func<PartnerRecord, bool> of, Func<PartnerRecord, bool> that) => new()
    {
        Name = name,
        IndicatorId = indicatorId,
        HowComputed = how,
        Categories = categories,
        Compute = (records, _) =>
        {
            var all = records.Where(of).ToList();
            return all.Count == 0 ? null : Math.Round(100.0 * all.Count(that) / all.Count, 2);
        },
    };

    /// <summary>Records per 1,000 people over the span, so that a month's rate is a twelfth of a year's at the same pace.</summary>
    public static ComputedMeasure RatePer1000(string name, string? indicatorId, string how, IReadOnlyCollection<string> categories, int population, Func<PartnerRecord, bool>? where = null) => new()
    {
        Name = name,
        IndicatorId = indicatorId,
        HowComputed = how + string.Create(CultureInfo.InvariantCulture, $" Population {population:N0}."),
        Categories = categories,
        Compute = (records, _) => records.Count == 0 ? null : Math.Round(records.Count(where ?? (_ => true)) * 1000.0 / population, 4),
    };
}
