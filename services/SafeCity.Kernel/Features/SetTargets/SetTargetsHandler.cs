using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Messaging.Publishing;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Features.SetTargets;

/// <summary>
/// Sets, removes and imports in bulk the targets of the theme's indicators. Each change raises the
/// plan's revision and publishes the plan again, so governance judges by the same targets; every
/// change is kept in the indicator's target history with who, when and why.
/// </summary>
public sealed class SetTargetsHandler(IThemeStore store, ThemeDefinition theme, TimeProvider clock)
{
    public async Task<CommandResult<PerformanceIndicator>> SetAsync(SetTargetCommand command, string actor, CancellationToken ct)
    {
        if (await FindAsync(command.IndicatorId, ct) is not { } found)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        var validation = new Validation();
        var target = TargetRules.Build(command, found.Indicator, actor, now, validation);
        if (target is null)
        {
            return CommandResult<PerformanceIndicator>.Invalid(validation.Errors);
        }

        return await SaveAsync(found.Plan, [TargetRules.WithTarget(found.Indicator, target.Year, target, actor, now, target.Source!.Reason!)], actor, "Set target", now, ct);
    }

    public async Task<CommandResult<PerformanceIndicator>> RemoveAsync(RemoveTargetCommand command, string actor, CancellationToken ct)
    {
        if (await FindAsync(command.IndicatorId, ct) is not { } found)
        {
            return NotFound();
        }

        var year = TargetRules.YearOf(command.Year);
        var validation = new Validation()
            .Require(year is not null, TargetRules.Fields.Year, $"The year is the financial year's first calendar year, from {TargetRules.FirstYear} to {TargetRules.LastYear}: 2009 is 2009/10.")
            .Require(year is null || found.Indicator.TargetFor(year.Value) is not null, TargetRules.Fields.Year, $"{found.Indicator.DisplayCode} has no target for {year} to remove.")
            .Require(command.Reason.NullIfBlank() is { Length: <= TargetRules.MaxReasonLength }, TargetRules.Fields.Reason, $"Say why the target is removed, in up to {TargetRules.MaxReasonLength} characters; it has {SentValue.LengthOf(command.Reason?.Trim())}.");
        if (!validation.IsValid)
        {
            return CommandResult<PerformanceIndicator>.Invalid(validation.Errors);
        }

        var now = clock.GetUtcNow();
        return await SaveAsync(found.Plan, [TargetRules.WithTarget(found.Indicator, year!.Value.ToString(), null, actor, now, command.Reason!.Trim())], actor, "Remove target", now, ct);
    }

    /// <summary>
    /// Sets every row's target, or none: a row that is wrong (unknown indicator, a year or figure that
    /// cannot be read, a target that breaks the rules, the same indicator and year twice) is named with
    /// its line and what is wrong, and nothing is kept.
    /// </summary>
    public async Task<CommandResult<int>> ImportAsync(IReadOnlyList<TargetRow> rows, string? reason, string actor, CancellationToken ct)
    {
        var plans = await store.GetActionPlansAsync(ct);
        var byId = plans.SelectMany(p => p.Indicators.Select(i => (Plan: p, Indicator: i))).ToDictionary(x => x.Indicator.Id, StringComparer.OrdinalIgnoreCase);
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (rows.Count == 0)
        {
            errors["file"] = ["The file has no rows of targets under its header (indicator, year, target)."];
        }

        var changed = new Dictionary<string, PerformanceIndicator>(StringComparer.Ordinal);
        var seen = new HashSet<(string, int)>();
        foreach (var row in rows)
        {
            var problems = new List<string>();
            if (row.Problem is { } unreadable)
            {
                problems.Add(unreadable);
            }
            else if (!byId.TryGetValue(row.Command.IndicatorId, out var found))
            {
                problems.Add($"the indicator is not one of the {theme.Slug} theme's (ids look like P1.I3)");
            }
            else if (row.Command.Year is { } y && !seen.Add((found.Indicator.Id, y)))
            {
                problems.Add($"{found.Indicator.Id} has a target for {TargetRules.YearOf(y)} on an earlier line too");
            }
            else
            {
                var validation = new Validation();
                var command = row.Command with { IndicatorId = found.Indicator.Id, Reason = row.Command.Reason.NullIfBlank() ?? reason };
                var current = changed.GetValueOrDefault(found.Indicator.Id) ?? found.Indicator;
                if (TargetRules.Build(command, current, actor, now, validation) is { } target)
                {
                    changed[found.Indicator.Id] = TargetRules.WithTarget(current, target.Year, target, actor, now, target.Source!.Reason!);
                }
                else
                {
                    problems.AddRange(validation.Errors.SelectMany(e => e.Value));
                }
            }

            if (problems.Count > 0)
            {
                errors[$"line {row.Line}"] = problems.ToArray();
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult<int>.Invalid(errors);
        }

        var writes = plans.Where(p => p.Indicators.Any(i => changed.ContainsKey(i.Id)))
            .Select(p => new PlanWrite(p with { Indicators = p.Indicators.Select(i => changed.GetValueOrDefault(i.Id) ?? i).ToList() }, p.Revision, []))
            .ToList();
        try
        {
            await store.SavePlansAsync(writes, (saved, _) => saved.Select(p => new Change(ThemeEvents.PlanPublished(theme, p, now),
                AuditEntry.Of(now, actor, "Import targets", $"Plan {p.Number}", plans.First(o => o.Number == p.Number), p))).ToList(), ct);
        }
        catch (ConcurrencyConflictException conflict)
        {
            return CommandResult<int>.Conflict(conflict.Message);
        }

        return CommandResult<int>.Done(rows.Count);
    }

    private async Task<(ActionPlan Plan, PerformanceIndicator Indicator)?> FindAsync(string indicatorId, CancellationToken ct)
    {
        foreach (var plan in await store.GetActionPlansAsync(ct))
        {
            if (plan.FindIndicator(indicatorId) is { } indicator)
            {
                return (plan, indicator);
            }
        }

        return null;
    }

    private async Task<CommandResult<PerformanceIndicator>> SaveAsync(ActionPlan plan, IReadOnlyList<PerformanceIndicator> indicators, string actor, string what, DateTimeOffset now, CancellationToken ct)
    {
        var changed = plan with { Indicators = plan.Indicators.Select(i => indicators.FirstOrDefault(c => c.Id == i.Id) ?? i).ToList() };
        try
        {
            var saved = await store.SavePlanStructureAsync(changed, plan.Revision,
                p => new Change(ThemeEvents.PlanPublished(theme, p, now), AuditEntry.Of(now, actor, what, $"Plan {p.Number}", plan, p)), ct);
            return CommandResult<PerformanceIndicator>.Done(saved.FindIndicator(indicators[0].Id)!);
        }
        catch (ConcurrencyConflictException conflict)
        {
            return CommandResult<PerformanceIndicator>.Conflict(conflict.Message);
        }
    }

    private CommandResult<PerformanceIndicator> NotFound() =>
        CommandResult<PerformanceIndicator>.NotFound(TargetRules.Fields.Indicator, $"The {theme.Slug} theme has no such indicator (ids look like P1.I3).");
}

/// <summary>A row of a bulk import: its line in the file, and the target it asks for (or why it could not be read).</summary>
public sealed record TargetRow(int Line, SetTargetCommand Command, string? Problem = null);
