using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Attention;

/// <summary>An item that needs someone's attention, with where to act on it.</summary>
public sealed record AttentionItem(string Key, int Priority, string Name, Rag Rag, string Detail, string Link);
