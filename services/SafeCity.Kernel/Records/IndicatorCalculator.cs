using Microsoft.Extensions.Logging;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Records;

/// <summary>A computed figure for one span of months, and how many records it read.</summary>
public sealed record ComputedValue(ComputedMeasure Measure, string Span, double? Value, int Records);

/// <summary>
/// Works out a theme's computed figures from its records: on demand for any month, quarter or
/// financial year, and, for those that stand for an indicator, month by month into measurements
/// whenever records for a month arrive or change.
/// </summary>
public sealed class IndicatorCalculator(IRecordStore records, IThemeStore store, ThemeDefinition theme, IComputedFigures recorder, ILogger<IndicatorCalculator> logger)
{
    public const string Actor = "computed from records";

    // One refresh at a time: two batches for the same month, each counting and recording in turn,
    // could otherwise record the earlier count last (a newer revision with a stale value).
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    public IReadOnlyList<ComputedMeasure> Measures => theme.ComputedMeasures;

    public ComputedMeasure? ForIndicator(string indicatorId) => Measures.FirstOrDefault(m => m.IndicatorId == indicatorId);

    /// <summary>The figure over the months from <paramref name="fromMonth"/> to <paramref name="toMonth"/>, inclusive.</summary>
    public async Task<ComputedValue> ComputeAsync(ComputedMeasure measure, string fromMonth, string toMonth, string span, CancellationToken ct) =>
        Value(measure, await records.TallyAsync(fromMonth, toMonth, ct), span);

    /// <summary>Every measure's figure over a span, from one reading of the tallies.</summary>
    public async Task<IReadOnlyList<ComputedValue>> ComputeAllAsync(string fromMonth, string toMonth, string span, CancellationToken ct)
    {
        var tallies = await records.TallyAsync(fromMonth, toMonth, ct);
        return Measures.Select(m => Value(m, tallies, span)).ToList();
    }

    // A span with no record of a measure's categories has no tally: the measure says what that means (usually "none").
    private static ComputedValue Value(ComputedMeasure measure, IReadOnlyDictionary<string, Tally> tallies, string span)
    {
        var tally = tallies.GetValueOrDefault(measure.Name);
        return new ComputedValue(measure, span, measure.ValueOf(tally), (int)tally.Records);
    }

    public static int Months(string fromMonth, string toMonth)
    {
        var from = ReportingPeriod.Parse(fromMonth).Start;
        var to = ReportingPeriod.Parse(toMonth).Start;
        return ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;
    }

    /// <summary>Records each indicator's computed value for the given months where it differs from what is held.</summary>
    public async Task<int> RefreshAsync(IEnumerable<string> months, CancellationToken ct)
    {
        await _refreshing.WaitAsync(ct);
        try
        {
            return await RefreshOneAtATimeAsync(months, ct);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<int> RefreshOneAtATimeAsync(IEnumerable<string> months, CancellationToken ct)
    {
        var changed = 0;
        var held = (await store.GetAllMeasurementsAsync(ct)).ToDictionary(m => (m.IndicatorId, m.Period));
        foreach (var month in months.Distinct().Order(StringComparer.Ordinal))
        {
            foreach (var value in (await ComputeAllAsync(month, month, month, ct)).Where(v => v.Measure.IndicatorId is not null))
            {
                var measure = value.Measure;
                if (value.Value is not { } figure || (held.TryGetValue((measure.IndicatorId!, month), out var existing) && existing.Value == figure))
                {
                    continue;
                }

                if (await recorder.RecordAsync(measure.IndicatorId!, month, figure, measure.HowComputed, ct) is { } refused)
                {
                    logger.LogWarning("{Indicator} for {Month} was computed as {Value} but not recorded: {Reason}", measure.IndicatorId, month, figure, refused);
                }
                else
                {
                    changed++;
                }
            }
        }

        return changed;
    }
}
