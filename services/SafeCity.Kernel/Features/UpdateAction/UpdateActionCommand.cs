using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Features.Publishing;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Features.UpdateAction;

/// <summary>
/// An officer's update to an action: its status, RAG and commentary. <see cref="ExpectedRevision"/>,
/// when given, refuses the change if someone else changed the action since it was read.
/// </summary>
public sealed record UpdateActionCommand(string ActionId, ActionStatus? Status, Rag? Rag, string? Commentary, long? ExpectedRevision = null);

public sealed class UpdateActionHandler(IThemeStore store, ThemeDefinition theme, OutboxSignal outbox, TimeProvider clock)
{
    public const int MaxCommentaryLength = 4000;

    public async Task<CommandResult<PlanAction>> HandleAsync(UpdateActionCommand command, string actor, CancellationToken ct)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(command.ActionId), nameof(command.ActionId), "Say which action to update.")
            .Require(command.Status is { } s && Enum.IsDefined(s), nameof(command.Status), $"Choose a status: {string.Join(", ", Enum.GetNames<ActionStatus>())}.")
            .Require(command.Rag is { } r && Enum.IsDefined(r), nameof(command.Rag), $"Choose a RAG rating: {string.Join(", ", Enum.GetNames<Rag>())}.")
            .Require((command.Commentary?.Length ?? 0) <= MaxCommentaryLength, nameof(command.Commentary), $"The commentary must be {MaxCommentaryLength:N0} characters or fewer; it has {command.Commentary?.Length:N0}.");
        if (!validation.IsValid)
        {
            return CommandResult<PlanAction>.Invalid(validation.Errors);
        }

        var action = await store.GetActionAsync(command.ActionId, ct);
        if (action is null)
        {
            return CommandResult<PlanAction>.NotFound(nameof(command.ActionId), $"There is no action {command.ActionId} in the {theme.Slug} theme.");
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
            UpdatedAt = now,
            UpdatedBy = actor,
        };
        try
        {
            var stored = await store.UpdateActionAsync(changed, expected,
                a => new Change(ThemeEvents.ActionChanged(theme.Slug, a, now), AuditEntry.Of(now, actor, "Update action", a.Id, action, a)), ct);
            outbox.Notify();
            return CommandResult<PlanAction>.Done(stored);
        }
        catch (ConcurrencyConflictException conflict)
        {
            return CommandResult<PlanAction>.Conflict(conflict.Message);
        }
    }
}
