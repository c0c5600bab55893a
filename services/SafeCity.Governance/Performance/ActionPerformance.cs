using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

/// <param name="Overdue">Past its due date and not completed, cancelled or retired, on the day judged.</param>
/// <param name="Owner">The account name of the person who owns the action.</param>
public sealed record ActionPerformance(string Id, string Description, string Status, Rag Rag, string? Commentary, DateOnly? DueDate = null, bool Overdue = false, string? Year = null, string? Owner = null);
