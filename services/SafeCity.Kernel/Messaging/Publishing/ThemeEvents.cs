using SafeCity.Contracts.Events;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Outbox;

namespace SafeCity.Kernel.Messaging.Publishing;

/// <summary>Builds the integration events a theme publishes from what its store kept.</summary>
public static class ThemeEvents
{
    public static OutboxMessage PlanPublished(ThemeDefinition theme, ActionPlan plan, DateTimeOffset at)
    {
        var published = PlanOutline(theme, plan, at);
        return OutboxMessage.For(published, published.EventId, at);
    }

    /// <summary>The plan as governance is told it: structure, targets as annual figures, actions.</summary>
    public static ActionPlanPublished PlanOutline(ThemeDefinition theme, ActionPlan plan, DateTimeOffset at) =>
        new()
        {
            EventId = Guid.NewGuid(),
            Theme = theme.Slug,
            Revision = plan.Revision,
            PublishedAt = at,
            Plan = new ActionPlanOutline
            {
                Number = plan.Number,
                Priority = plan.Priority,
                Objective = plan.Objective,
                Title = plan.Title,
                LeadPartner = plan.LeadPartner,
                Year = plan.Year,
                Indicators = plan.Indicators.Select(i => new IndicatorOutline
                {
                    Id = i.Id,
                    Code = i.Code ?? i.OtherCode,
                    Name = i.Name,
                    Category = i.Category,
                    Unit = i.Unit.ToString(),
                    Polarity = i.Polarity.ToString(),
                    Frequency = i.Frequency.ToString(),
                    ComputedFrom = theme.ComputedMeasures.Where(m => m.IndicatorId == i.Id).SelectMany(m => m.Categories).Distinct().Order(StringComparer.Ordinal).ToList() is { Count: > 0 } from ? from : null,
                    BaselineValue = i.Baseline.Value,
                    BaselinePeriod = i.Baseline.Period,
                    BaselineAsWritten = i.Baseline.AsWritten,
                    Targets = i.Targets.Select(t => new TargetOutline
                    {
                        Year = t.Year,
                        AsWritten = t.AsWritten,
                        Value = t.AnnualFigure(i.Baseline),
                        WithStretch = t.WithStretch,
                        WithoutStretch = t.WithoutStretch,
                        ChangePercent = t.ChangePercent,
                        BaseYear = t.BaseYear,
                        Source = t.Source?.Kind,
                        SetBy = t.Source?.By,
                        SetAt = t.Source?.At,
                        Reason = t.Source?.Reason,
                    }).ToList(),
                    HeldBy = i.HeldBy is { } h ? new IndicatorHolderOutline(h.Theme, h.PlanNumber, h.IndicatorId) : null,
                }).ToList(),
                Actions = plan.Actions.Select(a => new ActionOutline
                {
                    Id = a.Id,
                    Description = a.Description,
                    Status = a.Status.ToString(),
                    Rag = a.Rag.ToString(),
                    Commentary = a.Commentary,
                    Revision = a.Revision,
                    DueDate = a.Due?.Date,
                    Year = a.Year,
                    Owner = a.Owner,
                }).ToList(),
            },
        };

    public static OutboxMessage ActionChanged(string theme, PlanAction action, DateTimeOffset at)
    {
        var changed = Changed(theme, action, at);
        return OutboxMessage.For(changed, changed.EventId, at);
    }

    public static ActionStatusChanged Changed(string theme, PlanAction action, DateTimeOffset at) =>
        new()
        {
            EventId = Guid.NewGuid(),
            Theme = theme,
            PlanNumber = action.PlanNumber,
            ActionId = action.Id,
            Status = action.Status.ToString(),
            Rag = action.Rag.ToString(),
            Commentary = action.Commentary,
            Revision = action.Revision,
            ChangedAt = at,
            DueDate = action.Due?.Date,
            Year = action.Year,
            Owner = action.Owner,
        };

    public static OutboxMessage MeasurementRecorded(string theme, Measurement measurement)
    {
        var recorded = Recorded(theme, measurement);
        return OutboxMessage.For(recorded, recorded.EventId, measurement.RecordedAt);
    }

    public static MeasurementRecorded Recorded(string theme, Measurement measurement) =>
        new()
        {
            EventId = Guid.NewGuid(),
            Theme = theme,
            IndicatorId = measurement.IndicatorId,
            Period = measurement.Period,
            Value = measurement.Value,
            Source = measurement.Source,
            Revision = measurement.Revision,
            RecordedAt = measurement.RecordedAt,
        };

    /// <summary>The theme's whole state as events, for governance to rebuild from.</summary>
    public static ThemeState State(ThemeDefinition theme, IReadOnlyList<ActionPlan> plans, IReadOnlyList<Measurement> measurements, IReadOnlyList<PlanAction> history, DateTimeOffset at) =>
        new()
        {
            Theme = theme.Slug,
            TakenAt = at,
            Plans = plans.Select(p => PlanOutline(theme, p, at)).ToList(),
            Measurements = measurements.Select(m => Recorded(theme.Slug, m)).ToList(),
            // A revision never changed since the plan was imported carries no time of its own: it stood from the start.
            ActionChanges = history.Where(a => a.UpdatedAt is not null).Select(a => Changed(theme.Slug, a, a.UpdatedAt!.Value)).ToList(),
        };
}
