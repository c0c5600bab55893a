using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Messaging.Publishing;
using SafeCity.Kernel.Seed;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Features.PlanStructure;

/// <summary>
/// Changes to the structure of a theme's plans: a new plan, a new action, a new indicator. Each
/// change raises the plan's revision and publishes the whole plan again, so governance follows.
/// </summary>
public sealed class PlanStructureHandler(IThemeStore store, ThemeDefinition theme, TimeProvider clock, IPlanNumberRegister numbers)
{
    /// <summary>The seed has plans 1 to 19; plans the partnership writes take the numbers after.</summary>
    public const int FirstOwnPlanNumber = 20;

    /// <summary>The number the partnership's register would give the theme's next plan; this theme's own next number while the register cannot be asked.</summary>
    public async Task<int> NextPlanNumberAsync(string? objective, CancellationToken ct) =>
        await numbers.NextAsync(objective, ct)
        ?? Math.Max(FirstOwnPlanNumber + 1, (await store.GetActionPlansAsync(ct)).Select(p => p.Number + 1).DefaultIfEmpty(0).Max());

    public async Task<CommandResult<ActionPlan>> AddPlanAsync(AddActionPlanCommand command, string actor, CancellationToken ct)
    {
        var plans = await store.GetActionPlansAsync(ct);
        var validation = new Validation()
            .Require(command.Number is >= FirstOwnPlanNumber and <= 999, nameof(command.Number), $"Give the plan a number from {FirstOwnPlanNumber} to 999: plans 1 to 19 are the published plan's.")
            .Require(command.Number is null || plans.All(p => p.Number != command.Number), nameof(command.Number), $"This theme has a plan {command.Number} already.")
            .Require(!string.IsNullOrWhiteSpace(command.Title) && command.Title.Length <= 300, nameof(command.Title), $"Give the plan a title of up to 300 characters; it has {SentValue.LengthOf(command.Title)}.")
            .Require(command.Objective is null || command.Objective.Trim().Length <= 2, nameof(command.Objective), "The objective is its letter, like c.")
            .Require((command.Aims?.Length ?? 0) <= 4000, nameof(command.Aims), $"The aims must be 4,000 characters or fewer; they have {SentValue.LengthOf(command.Aims)}.");
        if (!validation.IsValid)
        {
            return CommandResult<ActionPlan>.Invalid(validation.Errors);
        }

        // Plan numbers are the partnership's, not the theme's: the register gives the number or says why not.
        var granted = await numbers.ReserveAsync(command.Number!.Value, command.Objective.NullIfBlank(), command.Title!.Trim(), actor, ct);
        if (granted.Number is null)
        {
            return CommandResult<ActionPlan>.Invalid(new Dictionary<string, string[]> { [nameof(command.Number)] = [granted.Problem!] });
        }

        var plan = new ActionPlan
        {
            Number = command.Number!.Value,
            Priority = theme.Priority,
            Objective = command.Objective.NullIfBlank()?.ToLowerInvariant(),
            Title = command.Title!.Trim(),
            Aims = Lines(command.Aims),
            LeadPartner = command.LeadPartner.NullIfBlank(),
            LeadManager = command.LeadManager.NullIfBlank(),
            Indicators = [],
            Actions = [],
        };
        var now = clock.GetUtcNow();
        if (!await store.AddActionPlanAsync(plan, p => new Change(ThemeEvents.PlanPublished(theme, p, now), AuditEntry.Of(now, actor, "Add action plan", $"Plan {p.Number}", null, p)), ct))
        {
            return CommandResult<ActionPlan>.Conflict($"Someone added plan {plan.Number} meanwhile.");
        }

        return CommandResult<ActionPlan>.Done(plan);
    }

    public Task<CommandResult<ActionPlan>> AddActionAsync(AddActionCommand command, string actor, CancellationToken ct) =>
        ChangeAsync(command.PlanNumber, actor, "Add action", new Validation()
            .Require(!string.IsNullOrWhiteSpace(command.Description) && command.Description.Length <= 2000, nameof(command.Description), $"Describe the action in up to 2,000 characters; it has {SentValue.LengthOf(command.Description)}.")
            .Require((command.Responsible?.Length ?? 0) <= 300 && (command.Resources?.Length ?? 0) <= 300, nameof(command.Responsible), $"Responsible and resources are up to 300 characters each; they have {SentValue.LengthOf(command.Responsible)} and {SentValue.LengthOf(command.Resources)}."),
            plan => plan with
            {
                Actions = [.. plan.Actions, new PlanAction
                {
                    Id = ActionPlanSeed.ActionId(plan.Number, plan.Actions.Count + 1),
                    PlanNumber = plan.Number,
                    Theme = command.Theme.NullIfBlank(),
                    Description = command.Description!.Trim(),
                    Responsible = command.Responsible.NullIfBlank(),
                    Resources = command.Resources.NullIfBlank(),
                    // An action added to a plan belongs to the year the plan is in, and is due by its end until someone says otherwise.
                    Year = plan.Year,
                    Due = new ActionDue(ReportingPeriod.Parse(plan.Year).End, null, $"Added to the {plan.Year} plan: due by the year's end."),
                }],
            }, ct);

    public Task<CommandResult<ActionPlan>> AddIndicatorAsync(AddIndicatorCommand command, string actor, CancellationToken ct)
    {
        var baselinePeriodOk = command.BaselinePeriod is null || ReportingPeriod.TryParse(command.BaselinePeriod, out _);
        var targetYearOk = command.TargetYear is null || (ReportingPeriod.TryParse(command.TargetYear, out var year) && year.Kind == PeriodKind.FinancialYear);
        return ChangeAsync(command.PlanNumber, actor, "Add indicator", new Validation()
            .Require(!string.IsNullOrWhiteSpace(command.Name) && command.Name.Length <= 500, nameof(command.Name), $"Name the indicator in up to 500 characters; it has {SentValue.LengthOf(command.Name)}.")
            .Require(command.Unit is { } u && Enum.IsDefined(u), nameof(command.Unit), "Choose the unit.")
            .Require(command.Polarity is { } p && Enum.IsDefined(p), nameof(command.Polarity), "Choose whether lower or higher is better.")
            .Require(command.Frequency is { } f && Enum.IsDefined(f), nameof(command.Frequency), "Choose how often it is reported.")
            .Require(baselinePeriodOk, nameof(command.BaselinePeriod), $"Enter the baseline's period as {ReportingPeriod.FormatHelp}.")
            .Require(targetYearOk, nameof(command.TargetYear), "Enter the target's financial year, like 2009/10.")
            .Require(command.TargetValue is null || command.TargetYear is not null, nameof(command.TargetYear), "Say which financial year the target is for.")
            .Require(command.BaselineValue is null or >= 0 && command.TargetValue is null or >= 0, nameof(command.TargetValue), "Baseline and target cannot be negative."),
            plan => plan with
            {
                Indicators = [.. plan.Indicators, new PerformanceIndicator
                {
                    Id = ActionPlanSeed.IndicatorId(plan.Number, plan.Indicators.Count + 1),
                    Code = command.Code.NullIfBlank(),
                    Name = command.Name!.Trim(),
                    Category = command.Category.NullIfBlank() ?? "Other",
                    Unit = command.Unit!.Value,
                    Polarity = command.Polarity!.Value,
                    Frequency = command.Frequency!.Value,
                    Baseline = new Baseline(Format(command.BaselineValue), command.BaselineValue, null, command.BaselinePeriod is null ? null : ReportingPeriod.Parse(command.BaselinePeriod).ToString(), command.BaselinePeriod is null ? null : "entered"),
                    Targets = command.TargetYear is null ? [] : [new YearTarget(ReportingPeriod.Parse(command.TargetYear).ToString(), Format(command.TargetValue), command.TargetValue, null)],
                }],
            }, ct);
    }

    private async Task<CommandResult<ActionPlan>> ChangeAsync(int number, string actor, string what, Validation validation, Func<ActionPlan, ActionPlan> change, CancellationToken ct)
    {
        var plan = await store.GetActionPlanAsync(number, ct);
        if (plan is null)
        {
            return CommandResult<ActionPlan>.NotFound("PlanNumber", $"There is no plan {number} in the {theme.Slug} theme.");
        }

        if (!validation.IsValid)
        {
            return CommandResult<ActionPlan>.Invalid(validation.Errors);
        }

        try
        {
            var now = clock.GetUtcNow();
            var saved = await store.SavePlanStructureAsync(change(plan), plan.Revision,
                p => new Change(ThemeEvents.PlanPublished(theme, p, now), AuditEntry.Of(now, actor, what, $"Plan {p.Number}", plan, p)), ct);
            return CommandResult<ActionPlan>.Done(saved);
        }
        catch (ConcurrencyConflictException conflict)
        {
            return CommandResult<ActionPlan>.Conflict(conflict.Message);
        }
    }


    private static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string? Format(double? value) => value?.ToString("#,##0.##", System.Globalization.CultureInfo.InvariantCulture);
}
