using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Messaging.Publishing;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Features.UpdateAction;

public sealed class UpdateActionHandler(IThemeStore store, ThemeDefinition theme, TimeProvider clock, JudgingDay? judging = null)
{
    public const int MaxCommentaryLength = 4000;
    public const int MaxOwnerLength = 100;

    public DateOnly Today => JudgingDay.Of(judging, clock);

    /// <summary>
    /// A due date as a person writes it: a date (2008-06-30), or the quarter or year the plan writes
    /// (2008/09 Q3 or 2008/09: due by its last day). Null when it cannot be read.
    /// </summary>
    public static DateOnly? ReadDue(string text)
    {
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return day;
        }

        return ReportingPeriod.TryParse(trimmed, out var period) && period.Kind != PeriodKind.Month ? period.End : null;
    }

    public async Task<CommandResult<PlanAction>> HandleAsync(UpdateActionCommand command, string actor, CancellationToken ct)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(command.ActionId), nameof(command.ActionId), "Say which action to update.")
            .Require(command.Status is { } s && Enum.IsDefined(s), nameof(command.Status), $"Choose a status: {string.Join(", ", Enum.GetNames<ActionStatus>())}.")
            .Require(command.Rag is { } r && Enum.IsDefined(r), nameof(command.Rag), $"Choose a RAG rating: {string.Join(", ", Enum.GetNames<Rag>())}.")
            .Require((command.Commentary?.Length ?? 0) <= MaxCommentaryLength, nameof(command.Commentary), $"The commentary must be {MaxCommentaryLength:N0} characters or fewer; it has {SentValue.LengthOf(command.Commentary)}.")
            .Require(command.DueDate is null || command.DueDate.Length == 0 || (command.DueDate.Length <= 20 && ReadDue(command.DueDate) is { Year: >= 2000 and <= 2100 }), nameof(command.DueDate),
                "Enter the due date as a date like 2008-06-30, or a quarter like 2008/09 Q3, between 2000 and 2100.")
            .Require((command.Owner?.Length ?? 0) <= MaxOwnerLength, nameof(command.Owner), $"The owner's account name must be {MaxOwnerLength} characters or fewer; it has {SentValue.LengthOf(command.Owner)}.");
        if (!validation.IsValid)
        {
            return CommandResult<PlanAction>.Invalid(validation.Errors);
        }

        var action = await store.GetActionAsync(command.ActionId, ct);
        if (action is null)
        {
            return CommandResult<PlanAction>.NotFound(nameof(command.ActionId), $"There is no action {SentValue.Shown(command.ActionId)} in the {theme.Slug} theme.");
        }

        var expected = command.ExpectedRevision ?? action.Revision;
        if (expected != action.Revision)
        {
            return CommandResult<PlanAction>.Conflict($"Action {action.Id} was changed by someone else since you opened it; reload it and try again.");
        }

        var now = clock.GetUtcNow();
        var changed = action with
        {
            Status = command.Status!.Value,
            Rag = command.Rag!.Value,
            Commentary = command.Commentary.NullIfBlank(),
            Due = command.DueDate switch
            {
                null => action.Due,
                "" => null,
                var text when ReadDue(text) is { } due && due == action.Due?.Date => action.Due,
                // The plan's milestones stay: a person moves the due date, not what the plan said on the way.
                var text => new ActionDue(ReadDue(text)!.Value, text.Trim().Contains('Q', StringComparison.OrdinalIgnoreCase) ? text.Trim() : null, $"Set by {actor}.") { Milestones = action.Due?.Milestones },
            },
            // Giving a placeholder a due date makes it an action.
            NeverDue = command.DueDate is { Length: > 0 } ? null : action.NeverDue,
            Owner = command.Owner is null ? action.Owner : command.Owner.NullIfBlank()?.Trim(),
            UpdatedAt = now,
            UpdatedBy = actor,
        };
        try
        {
            var stored = await store.UpdateActionAsync(changed, expected,
                a => new Change(ThemeEvents.ActionChanged(theme.Slug, a, now), AuditEntry.Of(now, actor, "Update action", a.Id, action, a)), ct);
            return CommandResult<PlanAction>.Done(stored);
        }
        catch (ConcurrencyConflictException conflict)
        {
            return CommandResult<PlanAction>.Conflict(conflict.Message);
        }
    }
}
