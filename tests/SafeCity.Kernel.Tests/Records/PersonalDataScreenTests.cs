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
        // A remainder of 0 makes the check 11, written 0.
        Assert.True(PersonalDataScreen.IsValidNhsNumber("400 000 0020"));
    }

    /// <summary>Every name on the screen's list, each refused as what it names (the list is the screen's; a name dropped from it must fail here).</summary>
    [Theory]
    [InlineData("a person's name", "name fullname forename forenames firstname givenname surname lastname familyname personname victimname offendername suspectname witnessname patientname nameofperson")]
    [InlineData("a date of birth", "dob dateofbirth birthdate birthday born")]
    [InlineData("an NHS number", "nhsnumber nhsno")]
    [InlineData("a National Insurance number", "nino ninumber nationalinsurance nationalinsurancenumber")]
    [InlineData("a police (PNC) id", "pnc pncid pncnumber")]
    [InlineData("an e-mail address", "email emailaddress")]
    [InlineData("a telephone number", "phone telephone phonenumber telephonenumber mobile mobilenumber")]
    [InlineData("a home address", "homeaddress")]
    [InlineData("a full postcode", "postcode homepostcode")]
    public void Each_detail_name_on_the_list_is_refused_as_what_it_names(string kind, string names)
    {
        Assert.All(names.Split(' '), name => Assert.Equal(kind, PersonalDataScreen.InKey(name)));
    }

    [Theory]
    [InlineData("NI number AB 12 34 56 C", "a National Insurance number")]
    [InlineData("PNC 85/123456X", "a police (PNC) id")]
    [InlineData("car HK08 ABC seen", "a vehicle registration")]
    public void Each_shape_is_named_for_what_it_is(string text, string kind) => Assert.Equal(kind, PersonalDataScreen.InText(text));

    [Fact]
    public void A_finding_names_its_field()
    {
        Assert.Equal("attributes.notes", PersonalDataScreen.Find(Record(attributes: new() { ["notes"] = "ring 07700 900123" }))?.Field);
        Assert.Equal("outcome", PersonalDataScreen.Find(Record(outcome: "Mrs Patel informed"))?.Field);
        Assert.Equal("lsoa_name", PersonalDataScreen.Find(Record() with { LsoaName = "Mrs Patel" })?.Field);
        Assert.Equal(("reference", "an e-mail address"), PersonalDataScreen.Find(Record() with { Reference = "jo.bloggs@example.org" }) is { } f ? (f.Field, f.Kind) : default);
    }

    [Theory]
    [InlineData("John went home early")] // a forename then a word in lower case that is no surname
    [InlineData("4477 0090 0123")] // digits after 44 but not written +44: no telephone number
    public void A_forename_or_a_number_alone_is_not_personal(string text) => Assert.Null(PersonalDataScreen.InText(text));
}
