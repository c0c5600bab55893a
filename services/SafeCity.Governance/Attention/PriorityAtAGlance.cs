using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Attention;

public sealed record PriorityAtAGlance(int Number, string Title, string? Theme, Rag Rag, RagCounts Indicators, RagCounts Actions);
