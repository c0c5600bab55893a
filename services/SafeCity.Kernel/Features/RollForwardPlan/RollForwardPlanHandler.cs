using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Features.SetTargets;
using SafeCity.Kernel.Features.UpdateAction;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Messaging.Publishing;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Features.RollForwardPlan;

/// <summary>
/// Carries a plan into its next financial year in one change: each open action of the year
/// completed, carried over (into the new year, due by the date given or the new year's end) or
/// retired; every action's outcome kept in the plan's year ends; the new year's targets set; the plan
/// and every changed action published, so governance follows.
/// </summary>
public sealed class RollForwardPlanHandler(IThemeStore store, ThemeDefinition theme, TimeProvider clock)
{
    public async Task<CommandResult<ActionPlan>> HandleAsync(RollForwardPlanCommand command, string actor, CancellationToken ct)
    {
        var plan = await store.GetActionPlanAsync(command.PlanNumber, ct);
        if (plan is null)
        {
            return CommandResult<ActionPlan>.NotFound("planNumber", $"The {theme.Slug} theme has no such plan.");
        }

        var year = ReportingPeriod.Parse(plan.Year);
        var next = ReportingPeriod.OfFinancialYear(year.Start.Year + 1);
        if (command.FromYear != plan.Year)
        {
            return CommandResult<ActionPlan>.Conflict($"Plan {plan.Number} is in {plan.Year} now: reload it before carrying it forward.");
        }

        var now = clock.GetUtcNow();
        var validation = new Validation();
        var open = plan.Actions.Where(a => a.Year == plan.Year && !a.IsClosed).ToList();
        foreach (var action in open)
        {
            var decided = command.Actions.GetValueOrDefault(action.Id);
            validation.Require(decided is { } d && Enum.IsDefined(d), Field(action.Id), $"Say what becomes of action {action.Id}: completed, carried over into {next}, or retired.");
            if (decided == ActionYearOutcome.CarriedOver && command.DueDates.GetValueOrDefault(action.Id).NullIfBlank() is { } due)
            {
                validation.Require(due.Length <= 20 && UpdateActionHandler.ReadDue(due) is { } date && date >= next.Start && date <= next.End.AddYears(2), Field(action.Id) + ".dueDate",
                    $"A carried-over action is due in {next} or later: a date like {next.End:yyyy-MM-dd}, or a quarter like {next} Q2.");
            }
        }

        validation.Require(command.Actions.Keys.All(id => plan.Actions.Any(a => a.Id == id)), "actions", "Name only the plan's own actions.");
        validation.Require(command.Reason.NullIfBlank() is { Length: <= TargetRules.MaxReasonLength }, TargetRules.Fields.Reason,
            $"Say why, in up to {TargetRules.MaxReasonLength} characters (for example \"Year end 2008/09: carried into the 2009/10 business plan\"); it has {SentValue.LengthOf(command.Reason?.Trim())}.");

        var indicators = plan.Indicators.ToDictionary(i => i.Id);
        foreach (var target in command.Targets)
        {
            if (!indicators.TryGetValue(target.IndicatorId, out var indicator))
            {
                validation.Require(false, "targets", "A target names an indicator that is not in this plan.");
                continue;
            }

            var checking = new Validation();
            if (TargetRules.Build(target with { Year = next.Start.Year, Reason = target.Reason.NullIfBlank() ?? command.Reason }, indicator, actor, now, checking) is { } built)
            {
                indicators[indicator.Id] = TargetRules.WithTarget(indicator, built.Year, built, actor, now, built.Source!.Reason!);
            }

            foreach (var (field, messages) in checking.Errors)
            {
                foreach (var message in messages)
                {
                    validation.Require(false, $"targets.{indicator.Id}.{field}", $"{indicator.DisplayCode}: {message}");
                }
            }
        }

        if (!validation.IsValid)
        {
            return CommandResult<ActionPlan>.Invalid(validation.Errors);
        }

        var changed = new List<PlanAction>();
        var outcomes = new List<ActionYearEnd>();
        foreach (var action in plan.Actions.Where(a => a.Year == plan.Year))
        {
            var outcome = action.IsClosed
                ? action.Status == ActionStatus.Completed ? ActionYearOutcome.Completed : ActionYearOutcome.Retired
                : command.Actions[action.Id]!.Value;
            outcomes.Add(new ActionYearEnd(action.Id, outcome));
            if (action.IsClosed)
            {
                continue;
            }

            var asked = command.DueDates.GetValueOrDefault(action.Id).NullIfBlank();
            changed.Add(outcome switch
            {
                ActionYearOutcome.Completed => action with { Status = ActionStatus.Completed, UpdatedAt = now, UpdatedBy = actor },
                ActionYearOutcome.Retired => action with { Status = ActionStatus.Retired, UpdatedAt = now, UpdatedBy = actor },
                _ => action with
                {
                    Year = next.ToString(),
                    // A placeholder stays one unless it is given a date, which makes it an action (as on the action's page).
                    Due = asked is { } text
                        ? new ActionDue(UpdateActionHandler.ReadDue(text)!.Value, text.Contains('Q', StringComparison.OrdinalIgnoreCase) ? text : null, $"Carried over into {next} by {actor}.")
                        : action.NeverDue is not null ? null
                        : new ActionDue(next.End, null, $"Carried over into {next} by {actor}: due by the year's end."),
                    NeverDue = asked is null ? action.NeverDue : null,
                    UpdatedAt = now,
                    UpdatedBy = actor,
                },
            });
        }

        var rolled = plan with
        {
            Year = next.ToString(),
            Indicators = plan.Indicators.Select(i => indicators[i.Id]).ToList(),
            YearEnds = [.. plan.YearEnds, new PlanYearEnd(plan.Year, next.ToString(), now, actor, outcomes)],
        };
        try
        {
            var saved = await store.SavePlansAsync([new PlanWrite(rolled, plan.Revision, changed)], (plans, actions) =>
                [
                    new Change(ThemeEvents.PlanPublished(theme, plans[0], now), AuditEntry.Of(now, actor, "Roll plan forward", $"Plan {plan.Number} into {next}", plan, plans[0])),
                    .. actions.Select(a => (Change)ThemeEvents.ActionChanged(theme.Slug, a, now)),
                ], ct);
            return CommandResult<ActionPlan>.Done(saved[0]);
        }
        catch (ConcurrencyConflictException conflict)
        {
            return CommandResult<ActionPlan>.Conflict(conflict.Message);
        }
    }

    /// <summary>The field an action's decision is reported under, as the form and the API name it.</summary>
    public static string Field(string actionId) => "actions." + actionId;
}
