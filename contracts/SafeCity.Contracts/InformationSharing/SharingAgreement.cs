using System.Text.Json;

namespace SafeCity.Contracts.InformationSharing;

/// <summary>One kind of information paragraph 19 lists, as the agreement writes it, and the categories of records that carry it.</summary>
public sealed record AgreementItem(string Heading, string Text, IReadOnlyList<string> Categories);

/// <summary>One of paragraph 19's lists (Police, Local Authority, Fire, Health, Other types) and the signatories who may share it.</summary>
public sealed record AgreementList(string Heading, IReadOnlyList<string> Holders, string? HoldersNote, IReadOnlyList<AgreementItem> Items);

/// <summary>
/// What each signatory may share under the Information Sharing Agreement (Appendix B, paragraph 19),
/// as the agreement lists it: the kinds of information, by the agency that holds them, and the
/// categories of records the themes keep for each. A category a signatory may send that is on none
/// of its lists is the partnership's own addition, and shown as one.
/// </summary>
public sealed class SharingAgreement
{
    private SharingAgreement(string allAreas, IReadOnlyList<AgreementList> lists)
    {
        AllAreas = allAreas;
        Lists = lists;
    }

    /// <summary>What the agreement asks of every area's information: "the time, date and location … where possible".</summary>
    public string AllAreas { get; }

    public IReadOnlyList<AgreementList> Lists { get; }

    public static SharingAgreement Paragraph19 { get; } = Load();

    /// <summary>Every kind of information the signatory may share, by the agreement's lists that name it.</summary>
    public IEnumerable<AgreementItem> ItemsOf(string signatoryId) =>
        Lists.Where(l => l.Holders.Contains(signatoryId, StringComparer.Ordinal)).SelectMany(l => l.Items);

    /// <summary>Every category of records the agreement lets the signatory share.</summary>
    public IReadOnlyList<string> CategoriesOf(string signatoryId) =>
        ItemsOf(signatoryId).SelectMany(i => i.Categories).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Where in paragraph 19 the signatory's category comes from, or null: the partnership's own addition.</summary>
    public AgreementItem? SourceOf(string signatoryId, string category) =>
        ItemsOf(signatoryId).FirstOrDefault(i => i.Categories.Contains(category, StringComparer.Ordinal));

    private static SharingAgreement Load()
    {
        using var stream = typeof(SharingAgreement).Assembly.GetManifestResourceStream("information-sharing/paragraph-19.json")
            ?? throw new InvalidOperationException("The contracts carry no information-sharing/paragraph-19.json.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var lists = root.GetProperty("lists").EnumerateArray().Select(l =>
        {
            var heading = l.GetProperty("heading").GetString()!;
            return new AgreementList(heading,
                l.GetProperty("holders").EnumerateArray().Select(h => h.GetString()!).ToList(),
                l.TryGetProperty("holdersNote", out var note) ? note.GetString() : null,
                l.GetProperty("items").EnumerateArray().Select(i => new AgreementItem(heading, i.GetProperty("text").GetString()!,
                    i.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList())).ToList());
        }).ToList();
        return new SharingAgreement(root.GetProperty("allAreas").GetString()!, lists);
    }
}
