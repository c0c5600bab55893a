using System.Globalization;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Messaging.Publishing;
using SafeCity.Kernel.Records;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Features.RecordMeasurement;

public sealed class RecordMeasurementHandler(IThemeStore store, ThemeDefinition theme, TimeProvider clock) : IComputedFigures
{
    public const int MaxNoteLength = 2000;

    async Task<string?> IComputedFigures.RecordAsync(string indicatorId, string month, double value, string howComputed, CancellationToken ct)
    {
        var result = await HandleAsync(new RecordMeasurementCommand(indicatorId, month, value, howComputed, MeasurementSources.Computed), IndicatorCalculator.Actor, ct);
        return result.Outcome == CommandOutcome.Done ? null : result.Describe();
    }

    public async Task<CommandResult<Measurement>> HandleAsync(RecordMeasurementCommand command, string actor, CancellationToken ct)
    {
        var plans = await store.GetActionPlansAsync(ct);
        var indicator = plans.Select(p => p.FindIndicator(command.IndicatorId)).FirstOrDefault(i => i is not null);
        if (indicator is null)
        {
            return CommandResult<Measurement>.NotFound(nameof(command.IndicatorId), $"There is no indicator {SentValue.Shown(command.IndicatorId)} in the {theme.Slug} theme.");
        }

        if (indicator.HeldBy is { } holder)
        {
            return CommandResult<Measurement>.Invalid(new Dictionary<string, string[]>
            {
                [nameof(command.IndicatorId)] = [$"{indicator.DisplayCode} is held by the {holder.Theme} theme's plan {holder.PlanNumber} ({holder.IndicatorId}): record its figures there."],
            });
        }

        var periodOk = ReportingPeriod.TryParse(command.Period, out var period);
        var validation = new Validation()
            .Require(periodOk, nameof(command.Period), $"Enter the period as {ReportingPeriod.FormatHelp}.")
            .Require(command.Value is { } v && double.IsFinite(v), nameof(command.Value), "Enter the value as a number, like 1338 or 12.5.")
            .Require((command.Note?.Length ?? 0) <= MaxNoteLength, nameof(command.Note), $"The note must be {MaxNoteLength:N0} characters or fewer; it has {SentValue.LengthOf(command.Note)}.")
            .Require(command.Source is MeasurementSources.Entered or MeasurementSources.Computed, nameof(command.Source), "The source is 'entered' or 'computed'.")
            .Require(command.Basis is null || Enum.IsDefined(command.Basis.Value), nameof(command.Basis), "The basis is added (what was added in the period) or held (the number held at its end).");
        if (command.Value is { } value && double.IsFinite(value))
        {
            validation
                .Require(value >= 0, nameof(command.Value), $"{indicator.DisplayCode} cannot be negative.")
                .Require(indicator.Unit != IndicatorUnit.Percentage || value <= 100, nameof(command.Value), "A percentage is between 0 and 100.")
                .Require(indicator.Unit != IndicatorUnit.Count || value == Math.Floor(value), nameof(command.Value), "A count is a whole number.");
        }

        if (periodOk)
        {
            validation.Require(period.Start <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), nameof(command.Period), $"{period.Describe()} has not started yet.");
        }

        var kept = command.Value ?? 0;
        var note = command.Note.NullIfBlank();
        if (command.Basis == StockBasis.Held && validation.IsValid)
        {
            validation.Require(indicator.Stock is not null, "Basis", $"{indicator.DisplayCode} does not count additions to a stock: enter its figure as it is.");
            // Only a figure held at a period's end needs the indicator's other figures (what was added before it in the year).
            if (indicator.Stock is { } stock && Added(stock, await store.GetMeasurementsAsync(indicator.Id, ct), period, kept) is var (added, heldBefore, problem))
            {
                validation.Require(problem is null, "Basis", problem ?? "");
                kept = added;
                note = string.Create(CultureInfo.InvariantCulture, $"Entered as {command.Value:#,##0} held at the end of {period}, against {heldBefore}.") + (note is null ? "" : " " + note);
            }
        }

        if (!validation.IsValid)
        {
            return CommandResult<Measurement>.Invalid(validation.Errors);
        }

        var measurement = new Measurement
        {
            IndicatorId = indicator.Id,
            Period = period.ToString(),
            Value = kept,
            Source = command.Source,
            Note = note,
            RecordedAt = clock.GetUtcNow(),
            RecordedBy = actor,
        };
        // The figure it replaces, for the audit trail, read by its key: a write costs the same however many periods the indicator holds.
        var before = await store.GetMeasurementAsync(indicator.Id, measurement.Period, ct);
        var stored = await store.RecordMeasurementAsync(measurement,
            m => new Change(ThemeEvents.MeasurementRecorded(theme.Slug, m), AuditEntry.Of(m.RecordedAt, actor, "Record measurement", $"{m.IndicatorId} {m.Period}", before, m)), ct);
        return CommandResult<Measurement>.Done(stored);
    }

    /// <summary>
    /// What was added in the period, from the stock held at its end: the held figure less the stock held at
    /// the start of its financial year and what was added earlier in that year (which must have no gap).
    /// The stock at a year's start is the plan's (158 licences as at 29 February 2008) for 2008/09 and
    /// before; for a later year, that and every year's additions since, each year recorded whole.
    /// </summary>
    private static (double Added, string HeldBefore, string? Problem) Added(StockCounted stock, IReadOnlyList<Measurement> existing, ReportingPeriod period, double held)
    {
        var year = period.FinancialYear;
        var known = existing.Where(m => ReportingPeriod.TryParse(m.Period, out _)).Select(m => (m.ReportingPeriod, m.Value)).ToList();
        var atStart = stock.Held;
        var since = new List<string>();
        for (var start = ThreeYearView.ThreeYearView.FirstYear; start < ReportingPeriod.FinancialYearStarting(year.Start); start++)
        {
            var earlierYear = ReportingPeriod.OfFinancialYear(start);
            if (Trajectory.ToDate(IndicatorUnit.Count, known, earlierYear) is not { Partial: false, Months: 12 } whole)
            {
                return (0, "", $"To enter the number held in {year}, record what was added in the whole of {earlierYear} first (the stock at {year}'s start is {stock.Held:#,##0} {stock.AsAt} and each year's additions since), or enter the number added.");
            }

            atStart += whole.Value;
            since.Add(string.Create(CultureInfo.InvariantCulture, $"{whole.Value:#,##0} added in {earlierYear}"));
        }

        var heldBefore = string.Create(CultureInfo.InvariantCulture, $"{stock.Held:#,##0} {stock.AsAt}") + (since.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" and {string.Join(", ", since)}: {atStart:#,##0} at the start of {year}"));
        var earlier = known.Where(m => year.Contains(m.ReportingPeriod) && m.ReportingPeriod.End < period.Start).ToList();
        var before = period.Start == year.Start ? 0 : Trajectory.ToDate(IndicatorUnit.Count, earlier, year) is { Partial: false } ytd && year.Start.AddMonths(ytd.Months) == period.Start ? ytd.Value : (double?)null;
        if (before is null)
        {
            return (0, heldBefore, $"To enter the number held at the end of {period}, record {year}'s earlier periods first, or enter the number added.");
        }

        var added = held - atStart - before.Value;
        return added < 0
            ? (0, heldBefore, string.Create(CultureInfo.InvariantCulture, $"The number held must be at least the {atStart:#,##0} held at the start of {year} ({heldBefore}) plus what was added earlier in {year}."))
            : (added, heldBefore, null);
    }
}
