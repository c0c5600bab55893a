using System.Text.RegularExpressions;
using SafeCity.Contracts.InformationSharing;
using SafeCity.Gateway.Partners;
using SafeCity.Gateway.SignIn;
using SafeCity.RecordFiles.PoliceData;
using SafeCity.Storage;
using SafeCity.Testing;

namespace SafeCity.Gateway.Tests;

/// <summary>
/// What each partner may share is paragraph 19 as the agreement writes it: the list is read from the
/// plan document itself (docs/plan), every kind it names is a category a theme keeps, and the
/// signatory it is listed for may share that category from the start.
/// </summary>
public sealed partial class Paragraph19Tests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void The_platforms_list_is_paragraph_19_of_the_document_word_for_word()
    {
        var document = ReadParagraph19();

        Assert.Equal(["Police", "Local Authority", "Fire", "Health", "Other types"], document.Select(d => d.Heading));
        Assert.Equal(39, document.Sum(d => d.Items.Count));
        foreach (var (heading, items) in document)
        {
            var list = Assert.Single(SharingAgreement.Paragraph19.Lists, l => l.Heading == heading);
            Assert.Equal(items, list.Items.Select(i => Words(i.Text)));
        }

        Assert.Equal("From all areas the time, date and location is required where possible.", SharingAgreement.Paragraph19.AllAreas);
    }

    [Fact]
    public void Every_kind_of_information_it_lists_is_a_category_a_theme_keeps()
    {
        var kept = ThemeDefinitions.All.SelectMany(t => t.RecordCategories.Select(c => c.Name).Concat(PoliceCrimeTypes.KeptBy(t.Slug))).ToHashSet(StringComparer.Ordinal);

        var missing = SharingAgreement.Paragraph19.Lists.SelectMany(l => l.Items)
            .SelectMany(i => i.Categories.DefaultIfEmpty("(none)").Where(c => !kept.Contains(c)).Select(c => $"{i.Heading}: {i.Text} → {c}"))
            .ToList();

        Assert.All(SharingAgreement.Paragraph19.Lists.SelectMany(l => l.Items), i => Assert.NotEmpty(i.Categories));
        Assert.Empty(missing);
    }

    [Fact]
    public void Each_signatory_it_names_may_share_its_kinds_from_the_start_and_every_other_category_is_marked_an_addition()
    {
        var database = new SqliteFile(Path.Combine(_dir.Path, "gateway.db"));
        var register = new PartnerRegister(database, TimeProvider.System, new SignInGuard(database, TimeProvider.System, new SignInLimits()));
        var kept = ThemeDefinitions.All.SelectMany(t => t.RecordCategories.Select(c => c.Name).Concat(PoliceCrimeTypes.KeptBy(t.Slug))).ToHashSet(StringComparer.Ordinal);

        foreach (var list in SharingAgreement.Paragraph19.Lists)
        {
            Assert.NotEmpty(list.Holders);
            foreach (var holder in list.Holders)
            {
                var signatory = register.Find(holder);
                Assert.NotNull(signatory);
                Assert.Empty(list.Items.SelectMany(i => i.Categories).Except(signatory.Categories));
            }
        }

        // The police share transport incidents and alcohol licence requests; the council road collisions and truancy; health ten kinds.
        Assert.Contains("Transport incident", register.Find("hampshire-constabulary")!.Categories);
        Assert.Contains("Alcohol licence request", register.Find("hampshire-constabulary")!.Categories);
        // "fraud, forgery" (line 2260): fraud has a category of its own, which the police may send.
        Assert.Contains("Fraud and forgery", register.Find("hampshire-constabulary")!.Categories);
        Assert.Contains("Road traffic collision", register.Find("southampton-city-council")!.Categories);
        Assert.Contains("Non-attendance at school", register.Find("southampton-city-council")!.Categories);
        Assert.Equal(10, SharingAgreement.Paragraph19.Lists.Single(l => l.Heading == "Health").Items.Count);

        // The rest each signatory may share is an addition of the partnership's, kept by a theme, and said to be one.
        foreach (var signatory in register.All())
        {
            foreach (var category in signatory.Categories)
            {
                Assert.Contains(category, kept);
                var source = SharingAgreement.Paragraph19.SourceOf(signatory.Id, category);
                Assert.True(source is not null || Additions(signatory.Id).Contains(category), $"{signatory.Name} may share {category}, which is neither paragraph 19's nor an addition");
            }
        }

        Assert.Null(SharingAgreement.Paragraph19.SourceOf("wessex-yot", "First-time entrant"));
        Assert.Null(SharingAgreement.Paragraph19.SourceOf("hampshire-constabulary", "Hate crime report"));
        Assert.Equal("Local Authority", SharingAgreement.Paragraph19.SourceOf("southampton-city-council", "Hate crime report")!.Heading);
    }

    [Fact]
    public void A_register_from_before_gains_paragraph_19s_kinds_once_and_keeps_what_an_administrator_took_away_afterwards()
    {
        var file = Path.Combine(_dir.Path, "old.db");
        var database = new SqliteFile(file);
        var guard = new SignInGuard(database, TimeProvider.System, new SignInLimits());
        var register = new PartnerRegister(database, TimeProvider.System, guard);
        register.SetCategories("hampshire-fire-and-rescue", ["Fire incident"], "admin");
        using (var connection = database.Open())
        {
            // As a gateway from before the upgrade left it.
            connection.Execute("DELETE FROM register_upgrades");
        }

        var upgraded = new PartnerRegister(database, TimeProvider.System, guard);
        Assert.Equal(["Dwelling fire without a smoke alarm", "Fire incident", "Violence against fire service staff"], upgraded.Find("hampshire-fire-and-rescue")!.Categories);

        upgraded.SetCategories("hampshire-fire-and-rescue", ["Fire incident"], "admin");
        var again = new PartnerRegister(database, TimeProvider.System, guard);
        Assert.Equal(["Fire incident"], again.Find("hampshire-fire-and-rescue")!.Categories);
    }

    private static HashSet<string> Additions(string signatoryId)
    {
        using var stream = typeof(PartnerRegister).Assembly.GetManifestResourceStream("seed/signatories.json")!;
        using var document = System.Text.Json.JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("signatories").EnumerateArray().Single(s => s.GetProperty("id").GetString() == signatoryId)
            .GetProperty("additions").EnumerateArray().Select(a => a.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    // Paragraph 19 as the document prints it: its headings, and under each the bullets (a bullet's text runs on until the next).
    private static List<(string Heading, List<string> Items)> ReadParagraph19()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "plan", "safe-city-partnership-plan-2008-2011.txt"));
        var start = Array.FindIndex(lines, l => l.StartsWith("Types of Information to be shared", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, start, l => l.Trim() == "Procedures");
        var lists = new List<(string Heading, List<string> Items)>();
        foreach (var raw in lines[(start + 1)..end])
        {
            var line = raw.Trim();
            if (Heading().Match(line) is { Success: true } heading)
            {
                lists.Add((heading.Groups[1].Value, []));
            }
            else if (line.StartsWith('·'))
            {
                lists[^1].Items.Add(Words(line[1..]));
            }
            else if (line.Length > 0 && lists.Count > 0 && lists[^1].Items.Count > 0)
            {
                lists[^1].Items[^1] = Words(lists[^1].Items[^1] + " " + line);
            }
        }

        return lists;
    }

    private static string Words(string text) => Whitespace().Replace(text, " ").Trim();


    [GeneratedRegex(@"^(Police|Local Authority|Fire|Health|Other types)\b")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
