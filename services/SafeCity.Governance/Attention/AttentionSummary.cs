using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Attention;

/// <summary>What the home page, the Delivery Board and the PMG lead with.</summary>
public sealed record AttentionSummary(
    DateOnly AsAt,
    Rag Rag,
    IReadOnlyList<PriorityAtAGlance> Priorities,
    ChangesSinceLastPmg Changes,
    IReadOnlyList<AttentionItem> Exceptions,
    IReadOnlyList<AttentionItem> WithoutTarget,
    IReadOnlyList<AttentionItem> OverdueActions,
    IReadOnlyList<OpenRemedialAction> RemedialActions);
