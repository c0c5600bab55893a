using System.Globalization;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Performance;
using SafeCity.Kernel.Records;
using SafeCity.RecordFiles;

namespace SafeCity.Kernel.Features.Dashboard;

/// <summary>A computed figure month by month, with its quarter and financial year to date.</summary>
public sealed record MeasureSeries(ComputedMeasure Measure, PerformanceIndicator? Indicator, IReadOnlyList<ComputedValue> Months, IReadOnlyList<double?> Targets, ComputedValue Quarter, ComputedValue Year);

public sealed record DashboardView(
    string From,
    string To,
    IReadOnlyList<PlanStatus> Plans,
    IReadOnlyList<MeasureSeries> Measures,
    IReadOnlyList<LocationCount> Streets,
    IReadOnlyList<LocationCount> Lsoas,
    int RecordsInSpan,
    RecordMap Map,
    DayAndHour Times);

/// <summary>
/// A theme's dashboard for a span of months: every indicator against target, the figures computed
/// from records month by month (with the quarter and the financial year to date), where the records
/// are (a map and the places with most) and when (day of the week by hour).
/// </summary>
public sealed class ThemeDashboard(ThemePerformance performance, IndicatorCalculator calculator, IRecordStore records, TimeProvider clock)
{
    public const int MaxMonths = 36;
    /// <summary>Places beside the map: enough to name the hot spots, few enough to keep the page short.</summary>
    public const int TopPlaces = 5;

    /// <summary>The span asked for, or the twelve months up to the latest month with records.</summary>
    public async Task<(string From, string To)> SpanAsync(string? from, string? to, CancellationToken ct)
    {
        var months = await records.MonthsAsync(ct);
        var last = RecordMonth.IsValid(to) ? to! : months.LastOrDefault() ?? clock.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var first = RecordMonth.IsValid(from) && string.CompareOrdinal(from, last) <= 0 ? from! : Shift(last, -11);
        return IndicatorCalculator.Months(first, last) > MaxMonths ? (Shift(last, -(MaxMonths - 1)), last) : (first, last);
    }

    public async Task<DashboardView> GetAsync(string from, string to, CancellationToken ct)
    {
        var plans = await performance.GetPlansAsync(ct);
        var indicators = plans.SelectMany(p => p.Plan.Indicators).ToDictionary(i => i.Id);
        var monthList = Enumerable.Range(0, IndicatorCalculator.Months(from, to)).Select(i => Shift(from, i)).ToList();
        var end = ReportingPeriod.Parse(to);
        var quarter = end.Quarter;
        var year = end.FinancialYear;

        var series = new List<MeasureSeries>();
        foreach (var measure in calculator.Measures)
        {
            var indicator = measure.IndicatorId is { } id ? indicators.GetValueOrDefault(id) : null;
            var values = new List<ComputedValue>();
            foreach (var month in monthList)
            {
                values.Add(await calculator.ComputeAsync(measure, month, month, month, ct));
            }

            var held = indicator is null ? null : plans.SelectMany(p => p.Indicators).First(s => s.Indicator.Id == indicator.Id).Values;
            var targets = values.Select(v => indicator is null || v.Value is null || !ReportingPeriod.TryParse(v.Span, out var period) ? null
                : Trajectory.PeriodTarget(indicator, held!, period)).ToList();
            series.Add(new MeasureSeries(measure, indicator, values, targets,
                await calculator.ComputeAsync(measure, Month(quarter.Start), to, $"{quarter} to {end.Describe()}", ct),
                await calculator.ComputeAsync(measure, Month(year.Start), to, $"{year} to {end.Describe()}", ct)));
        }

        var counts = await records.CountAsync(from, to, ct);
        var places = await records.PlacesAsync(from, to, ct);
        return new DashboardView(from, to, plans, series,
            await records.TopLocationsAsync(from, to, LocationLevel.Street, TopPlaces, ct),
            await records.TopLocationsAsync(from, to, LocationLevel.Lsoa, TopPlaces, ct),
            counts.Sum(c => c.Count),
            RecordMap.Draw(places),
            DayAndHour.Count(places));
    }

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Shift(string month, int by) => Month(ReportingPeriod.Parse(month).Start.AddMonths(by));
}
