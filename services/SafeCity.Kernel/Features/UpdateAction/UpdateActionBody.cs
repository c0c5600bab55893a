namespace SafeCity.Kernel.Features.UpdateAction;

/// <param name="DueDate">yyyy-MM-dd; absent or null keeps the due date held, "" clears it.</param>
/// <param name="Owner">The account name of the person who owns the action; absent keeps it, "" clears it.</param>
public sealed record UpdateActionBody(string? Status, string? Rag, string? Commentary, long? ExpectedRevision, string? DueDate = null, string? Owner = null);
