using System.Globalization;

namespace SafeCity.Kernel.Records;

/// <summary>
/// What one record, or a span's records added up, contribute to a computed figure: how many records of
/// its categories, and two counts whose meaning the measure gives (for a share: the records it is a
/// share of, and those among them that match). Tallies add, so a month's tally is kept as records
/// arrive and a span's is the sum of its months'.
/// </summary>
public readonly record struct Tally(long Records, long A, long B)
{
    public static Tally operator +(Tally x, Tally y) => new(x.Records + y.Records, x.A + y.A, x.B + y.B);

    public static Tally operator -(Tally x, Tally y) => new(x.Records - y.Records, x.A - y.A, x.B - y.B);
}

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
    /// <summary>What one record of <see cref="Categories"/> adds to the measure's tally.</summary>
    public required Func<PartnerRecord, Tally> TallyOf { get; init; }
    /// <summary>The figure from a span's tally; null where it cannot be worked out.</summary>
    public required Func<Tally, double?> ValueOf { get; init; }

    /// <summary>The figure over a span's records (of <see cref="Categories"/> only); null where it cannot be worked out.</summary>
    public double? Compute(IReadOnlyList<PartnerRecord> records) =>
        ValueOf(records.Aggregate(default(Tally), (sum, r) => sum + TallyOf(r)));

    private static int One(bool yes) => yes ? 1 : 0;

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
        TallyOf = r => new(1, One(says?.Invoke(r) ?? true), One(where?.Invoke(r) ?? true)),
        ValueOf = t => t.A > 0 ? t.B : null,
    };

    /// <summary>The percentage of the records in <paramref name="of"/> that also match <paramref name="that"/>; none where none are in <paramref name="of"/>.</summary>
    public static ComputedMeasure Share(string name, string? indicatorId, string how, IReadOnlyCollection<string> categories, Func<PartnerRecord, bool> of, Func<PartnerRecord, bool> that) => new()
    {
        Name = name,
        IndicatorId = indicatorId,
        HowComputed = how,
        Categories = categories,
        TallyOf = r => of(r) ? new(1, 1, One(that(r))) : new(1, 0, 0),
        ValueOf = t => t.A == 0 ? null : Math.Round(100.0 * t.B / t.A, 2),
    };

    /// <summary>Records per 1,000 people over the span, so that a month's rate is a twelfth of a year's at the same pace.</summary>
    public static ComputedMeasure RatePer1000(string name, string? indicatorId, string how, IReadOnlyCollection<string> categories, int population, Func<PartnerRecord, bool>? where = null) => new()
    {
        Name = name,
        IndicatorId = indicatorId,
        HowComputed = how + string.Create(CultureInfo.InvariantCulture, $" Population {population:N0}."),
        Categories = categories,
        TallyOf = r => new(1, 1, One(where?.Invoke(r) ?? true)),
        ValueOf = t => t.Records == 0 ? null : Math.Round(t.B * 1000.0 / population, 4),
    };
}
