using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Attention;

/// <summary>How many of a priority's indicators and actions stand at each RAG: what a Board member takes in at a glance.</summary>
public sealed record RagCounts(int Red, int Amber, int Green, int NotRated)
{
    public int Total => Red + Amber + Green + NotRated;

    public static RagCounts Of(IEnumerable<Rag> rags)
    {
        var list = rags.ToList();
        return new RagCounts(list.Count(r => r == Rag.Red), list.Count(r => r == Rag.Amber), list.Count(r => r == Rag.Green), list.Count(r => r == Rag.NotRated));
    }
}
