using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Features.Publishing;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Features.RecordMeasurement;

/// <summary>A value for an indicator and period that no feed supplies: a survey, a perception, a return.</summary>
public sealed record RecordMeasurementCommand(string IndicatorId, string? Period, double? Value, string? Note, string Source = MeasurementSources.Entered);

public sealed class RecordMeasurementHandler(IThemeStore store, ThemeDefinition theme, OutboxSignal outbox, TimeProvider clock)
{
    public const int MaxNoteLength = 2000;

    public async Task<CommandResult<Measurement>> HandleAsync(RecordMeasurementCommand command, string actor, CancellationToken ct)
    {
        var plans = await store.GetActionPlansAsync(ct);
        var indicator = plans.Select(p => p.FindIndicator(command.IndicatorId)).FirstOrDefault(i => i is not null);
        if (indicator is null)
        {
            return CommandResult<Measurement>.NotFound(nameof(command.IndicatorId), $"There is no indicator {command.IndicatorId} in the {theme.Slug} theme.");
        }

        var periodOk = ReportingPeriod.TryParse(command.Period, out var period);
        var validation = new Validation()
            .Require(periodOk, nameof(command.Period), $"Enter the period as {ReportingPeriod.FormatHelp}.")
            .Require(command.Value is { } v && double.IsFinite(v), nameof(command.Value), "Enter the value as a number, like 1338 or 12.5.")
            .Require((command.Note?.Length ?? 0) <= MaxNoteLength, nameof(command.Note), $"The note must be {MaxNoteLength:N0} characters or fewer.")
            .Require(command.Source is MeasurementSources.Entered or MeasurementSources.Computed, nameof(command.Source), "The source is 'entered' or 'computed'.");
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

        if (!validation.IsValid)
        {
            return CommandResult<Measurement>.Invalid(validation.Errors);
        }

        var measurement = new Measurement
        {
            IndicatorId = indicator.Id,
            Period = period.ToString(),
            Value = command.Value!.Value,
            Source = command.Source,
            Note = command.Note.NullIfBlank(),
            RecordedAt = clock.GetUtcNow(),
            RecordedBy = actor,
        };
        var before = (await store.GetMeasurementsAsync(indicator.Id, ct)).FirstOrDefault(m => m.Period == measurement.Period);
        var stored = await store.RecordMeasurementAsync(measurement,
            m => new Change(ThemeEvents.MeasurementRecorded(theme.Slug, m), AuditEntry.Of(m.RecordedAt, actor, "Record measurement", $"{m.IndicatorId} {m.Period}", before, m)), ct);
        outbox.Notify();
        return CommandResult<Measurement>.Done(stored);
    }
}
