using SafeCity.Kernel.Records;
using Xunit.Abstractions;

namespace SafeCity.Kernel.Tests.Records;

public sealed class PersonalDataScreenTests(ITestOutputHelper output)
{
    private readonly ITestOutputHelper _output = output;

    [Theory]
    [InlineData("Contact jo.bloggs@example.org", "an e-mail address")]
    [InlineData("Outside 12 Above Bar Street, SO14 7DU", "a full postcode")]
    [InlineData("so14 7du", "a full postcode")]
    [InlineData("NHS 943 476 5919", "an NHS number")]
    [InlineData("9434765919", "an NHS number")]
    [InlineData("ring 07700 900123", "a telephone number")]
    [InlineData("023 8083 3000", "a telephone number")]
    [InlineData("+44 7700 900123", "a telephone number")]
    [InlineData("DOB 01/02/1990", "a date of birth")]
    [InlineData("born 1990-02-01", "a date of birth")]
    [InlineData("Seen by Mrs Patel", "a person's name")]
    // Digits beyond 0-9 are digits to the patterns too (full-width, as a form may paste them).
    [InlineData("dob ０１/０２/１９９０", "a date of birth")]
    public void Personal_data_in_text_is_found_by_its_shape(string text, string kind) => Assert.Equal(kind, PersonalDataScreen.InText(text));

    [Theory]
    [InlineData("On or near Bevois Valley Road")]
    [InlineData("Southampton 032A")]
    [InlineData("SO14")]
    [InlineData("Investigation complete; no suspect identified")]
    [InlineData("2008-10-04 01:30")]
    [InlineData("Incident 1234567890")] // ten digits that fail the NHS check digit
    [InlineData("Q1 2008")]
    public void Depersonalised_text_passes(string text) => Assert.Null(PersonalDataScreen.InText(text));

    [Theory]
    [InlineData("surname", "a person's name")]
    [InlineData("First Name", "a person's name")]
    [InlineData("victim_name", "a person's name")]
    [InlineData("date_of_birth", "a date of birth")]
    [InlineData("DOB", "a date of birth")]
    [InlineData("nhs_number", "an NHS number")]
    [InlineData("patient NHS number", "an NHS number")]
    [InlineData("victim_date_of_birth", "a date of birth")]
    [InlineData("offender surname", "a person's name")]
    public void A_detail_named_for_personal_data_is_refused_whatever_it_holds(string key, string kind)
    {
        var record = new PartnerRecord { Source = "s", Reference = "r", Category = "c", Month = "2008-10", Attributes = new Dictionary<string, string> { [key] = "x" } };

        var finding = PersonalDataScreen.Find(record)!;

        // The name is not repeated back: it may be what is personal.
        Assert.Equal(("the name of detail 1", kind), (finding.Field, finding.Kind));
        Assert.DoesNotContain(key, finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_string_of_the_personal_data_corpus_is_refused_as_a_value_a_location_and_a_details_name()
    {
        var corpus = Corpus("personal-data.txt");
        var missed = new List<string>();
        foreach (var text in corpus)
        {
            var asValue = PersonalDataScreen.Find(Record(attributes: new() { ["notes"] = text }));
            var asLocation = PersonalDataScreen.Find(Record(location: text));
            var asKey = PersonalDataScreen.Find(Record(attributes: new() { [text] = "yes" }));
            if (asValue is null || asLocation is null || asKey is null)
            {
                missed.Add($"{text} (value {asValue is not null}, location {asLocation is not null}, name {asKey is not null})");
            }
            else
            {
                Assert.DoesNotContain(text, asValue.Reason + asLocation.Reason + asKey.Reason, StringComparison.Ordinal);
            }
        }

        _output.WriteLine($"Refused: {corpus.Count - missed.Count} of {corpus.Count} personal-data strings ({100.0 * (corpus.Count - missed.Count) / corpus.Count:0.0}%).");
        Assert.True(corpus.Count >= 100, $"The corpus holds {corpus.Count} strings.");
        Assert.Empty(missed);
    }

    [Fact]
    public void Every_ordinary_partner_text_of_the_corpus_passes()
    {
        var corpus = Corpus("ordinary-texts.txt");
        var refused = corpus.Where(text => PersonalDataScreen.Find(Record(location: text, outcome: text, attributes: new() { ["notes"] = text })) is not null)
            .Select(text => $"{text}: {PersonalDataScreen.InText(text)}").ToList();

        _output.WriteLine($"Passed: {corpus.Count - refused.Count} of {corpus.Count} ordinary texts ({100.0 * refused.Count / corpus.Count:0.0}% refused in error).");
        Assert.True(corpus.Count >= 100, $"The corpus holds {corpus.Count} strings.");
        Assert.Empty(refused);
    }

    private static PartnerRecord Record(string? location = null, string? outcome = null, Dictionary<string, string>? attributes = null) => new()
    {
        Source = "s",
        Reference = "r",
        Category = "c",
        Month = "2008-10",
        Location = location,
        Outcome = outcome,
        Attributes = attributes ?? [],
    };

    private static List<string> Corpus(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Records", "Corpus", name)).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    [Fact]
    public void The_NHS_check_digit_is_modulus_11()
    {
        Assert.True(PersonalDataScreen.IsValidNhsNumber("943 476 5919"));
        Assert.False(PersonalDataScreen.IsValidNhsNumber("943 476 5918"));
    }
}
