using System.Globalization;
using System.Net.Http.Json;

namespace SafeCity.Demonstration;

/// <summary>
/// The demonstration year's Most Similar Group: police counts for 2008/09, and the year before it,
/// generated for each city of the family, so that /msg, the Delivery Board's ranking, the PMG's list and
/// paragraph 66's year-on-year outcomes are never empty on a demonstration platform. They are labelled
/// as generated (the file they name says so), never data.police.uk's. Southampton's violence and
/// criminal damage are generated above the family's, as paragraph 11 found them; crime falls from
/// 2007/08 to 2008/09 except violence, which rises a little.
/// </summary>
public sealed class DemonstrationFamily(HttpClient api, TextWriter output)
{
    public const string Label = "generated for the demonstration, not data.police.uk";

    /// <summary>The fifteen cities of paragraph 11: district, force as data.police.uk names it, and about how many people (ONS mid-2019, rounded).</summary>
    private static readonly (string District, string Force, int People)[] Cities =
    [
        ("E06000023", "avon-and-somerset", 463_000), ("E07000008", "cambridgeshire", 125_000), ("W06000015", "south-wales", 366_000),
        ("E07000041", "devon-and-cornwall", 131_000), ("E06000016", "leicestershire", 354_000), ("E07000138", "lincolnshire", 100_000),
        ("E08000003", "greater-manchester", 553_000), ("E08000021", "northumbria", 303_000), ("E07000148", "norfolk", 141_000),
        ("E06000018", "nottinghamshire", 332_000), ("E07000178", "thames-valley", 152_000), ("E06000044", "hampshire", 215_000),
        ("E06000026", "devon-and-cornwall", 263_000), ("E06000038", "thames-valley", 161_000), ("E06000045", "hampshire", 253_000),
    ];

    /// <summary>About how many of each crime type a city records a month per 1,000 people.</summary>
    private static readonly (string Type, double PerThousand)[] Rates =
    [
        ("Violence and sexual offences", 3.4), ("Anti-social behaviour", 2.0), ("Criminal damage and arson", 0.9), ("Burglary", 0.5),
        ("Vehicle crime", 0.6), ("Shoplifting", 1.0), ("Other theft", 0.9), ("Public order", 0.9), ("Drugs", 0.3), ("Robbery", 0.1),
        ("Theft from the person", 0.15), ("Bicycle theft", 0.2), ("Possession of weapons", 0.1), ("Other crime", 0.12),
    ];

    private readonly Random random = new(2011);

    public async Task<int> FillAsync(CancellationToken ct)
    {
        output.WriteLine("Demonstration data: the Most Similar Group's police counts for 2007/08 and 2008/09 (generated)…");
        var character = Cities.ToDictionary(c => c.District, c => c.District == "E06000045" ? 1.0 : 0.75 + (random.NextDouble() * 0.4));
        var sent = 0;
        for (var month = new DateOnly(2007, 4, 1); month <= new DateOnly(2009, 3, 1); month = month.AddMonths(1))
        {
            var yearBefore = month < new DateOnly(2008, 4, 1);
            var name = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            foreach (var force in Cities.GroupBy(c => c.Force))
            {
                var counts = force.SelectMany(city => Rates.Select(rate =>
                {
                    // Paragraph 11: Southampton's violence and criminal damage are poor against the family.
                    var poor = city.District == "E06000045" && rate.Type is "Violence and sexual offences" or "Criminal damage and arson" ? 1.3 : 1.0;
                    var trend = !yearBefore ? 1.0 : rate.Type == "Violence and sexual offences" ? 0.97 : 1.06;
                    var expected = rate.PerThousand * city.People / 1000 * character[city.District] * poor * trend;
                    return new { district = city.District, crimeType = rate.Type, count = (int)Math.Round(expected * (0.92 + (random.NextDouble() * 0.16))) };
                })).ToList();
                var rows = counts.Sum(c => c.count);
                using var reply = await api.PostAsJsonAsync("/api/governance/most-similar-group/police-counts", new
                {
                    month = name,
                    force = force.Key,
                    file = $"{name}-{force.Key} ({Label})",
                    rows,
                    withoutLsoa = 0,
                    unknownLsoa = 0,
                    rejected = 0,
                    counts,
                }, ct);
                reply.EnsureSuccessStatusCode();
                sent++;
            }
        }

        output.WriteLine($"  {sent:N0} forces' months of counts, labelled \"{Label}\".");
        return sent;
    }
}
