using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SafeCity.Kernel.Records;

/// <summary>Where a record holds personal data, and what kind (never the value itself).</summary>
public sealed record PersonalDataFinding(string Field, string Kind)
{
    public string Reason => $"Personal data in a depersonalised feed: {Field} holds {Kind}. The Information Sharing Agreement (paragraph 27) asks for depersonalised records; nothing of this record was kept.";
}

/// <summary>
/// Looks for personal data in a record that should be depersonalised (Appendix B, paragraphs 9 and
/// 27): names, dates of birth, NHS and National Insurance numbers, police (PNC) ids, full postcodes,
/// telephone numbers, e-mail addresses and vehicle registrations. Every text is normalised first
/// (Unicode NFKC, so a full-width ＠ or digit is the ordinary one; whitespace collapsed; case set
/// aside), and every detail is read by its name as well as its value, the name screened like any
/// text. It is a screen, not a proof: it catches the shapes a data protection officer would try, and
/// says which field, so the sender can fix its extract. The corpus it is tested against, and its rates,
/// are in docs/security.md.
/// </summary>
public static partial class PersonalDataScreen
{
    // Detail names that can only hold personal data, compared without case, spaces or punctuation.
    private static readonly Dictionary<string, string> PersonalFields = new (string Kind, string[] Names)[]
    {
        ("a person's name", ["name", "fullname", "forename", "forenames", "firstname", "givenname", "surname", "lastname", "familyname", "personname", "victimname", "offendername", "suspectname", "witnessname", "patientname", "nameofperson"]),
        ("a date of birth", ["dob", "dateofbirth", "birthdate", "birthday", "born"]),
        ("an NHS number", ["nhsnumber", "nhsno"]),
        ("a National Insurance number", ["nino", "ninumber", "nationalinsurance", "nationalinsurancenumber"]),
        ("a police (PNC) id", ["pnc", "pncid", "pncnumber"]),
        ("an e-mail address", ["email", "emailaddress"]),
        ("a telephone number", ["phone", "telephone", "phonenumber", "telephonenumber", "mobile", "mobilenumber"]),
        ("a home address", ["homeaddress"]),
        ("a full postcode", ["postcode", "homepostcode"]),
    }.SelectMany(g => g.Names.Select(n => (Name: n, g.Kind))).ToDictionary(p => p.Name, p => p.Kind, StringComparer.Ordinal);

    public static PersonalDataFinding? Find(PartnerRecord record)
    {
        var index = 0;
        foreach (var (key, value) in record.Attributes)
        {
            index++;
            // A detail's name that is itself personal (an e-mail address as a key) is not repeated back.
            if (InKey(key) is { } inKey)
            {
                return new($"the name of detail {index}", inKey);
            }

            if (InText(value) is { } kind)
            {
                return new("attributes." + key, kind);
            }
        }

        // data.police.uk's locations are map points, anonymised by construction: "On or near" a street, a
        // park or a supermarket, or "No Location". A street named after someone is still a street, so only
        // the shapes that are personal whatever the words (an address by e-mail, a number, a full postcode)
        // are looked for. The source is the platform's word, not the sender's (ThemeAccess.SourceOf).
        if ((IsPoliceMapPoint(record) ? InShapes(Normalise(record.Location!)) : InText(record.Location)) is { } inLocation)
        {
            return new("location", inLocation);
        }

        if (InText(record.Outcome) is { } inOutcome)
        {
            return new("outcome", inOutcome);
        }

        if (InText(record.LsoaName) is { } inLsoaName)
        {
            return new("lsoa_name", inLsoaName);
        }

        // The sender's own reference is an identifier of theirs (numbers of any shape): only an e-mail address is looked for.
        return Email().IsMatch(Normalise(record.Reference)) ? new("reference", "an e-mail address") : null;
    }

    /// <summary>What kind of personal data a detail's name is, or holds by its meaning ("surname", "DOB"), or null.</summary>
    public static string? InKey(string key)
    {
        var compact = Compact(key);
        if (PersonalFields.TryGetValue(compact, out var kind))
        {
            return kind;
        }

        if (compact.EndsWith("surname", StringComparison.Ordinal) || compact.EndsWith("forename", StringComparison.Ordinal) || compact.EndsWith("fullname", StringComparison.Ordinal))
        {
            return "a person's name";
        }

        if (compact.Contains("dateofbirth", StringComparison.Ordinal))
        {
            return "a date of birth";
        }

        if (compact.Contains("nhsnumber", StringComparison.Ordinal))
        {
            return "an NHS number";
        }

        return InText(key);
    }

    /// <summary>A location as data.police.uk writes it ("On or near Lord Street", "No Location"), in a record from its files.</summary>
    private static bool IsPoliceMapPoint(PartnerRecord record) =>
        record.Source == RecordFiles.PoliceData.PoliceStreetRow.Source && record.Location is { } location
        && (location.StartsWith("On or near ", StringComparison.Ordinal) || location == "No Location");

    /// <summary>What kind of personal data a piece of text holds, or null.</summary>
    public static string? InText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = Normalise(text);
        return InShapes(t) ?? (HasName(t) ? "a person's name" : null);
    }

    // The shapes that are personal whatever the words around them: addresses, numbers, postcodes, dates of birth, registrations.
    private static string? InShapes(string t)
    {
        if (Email().IsMatch(t) || SpelledEmail().IsMatch(t))
        {
            return "an e-mail address";
        }

        // Most texts (outcomes, forces, streets) have no digit: the number shapes are spared.
        if (HasDigit(t))
        {
            if (FullPostcode().IsMatch(t))
            {
                return "a full postcode";
            }

            if (NationalInsurance().IsMatch(t))
            {
                return "a National Insurance number";
            }

            if (PncId().IsMatch(t))
            {
                return "a police (PNC) id";
            }

            if (NumberIn(t) is { } number)
            {
                return number;
            }

            if (BirthDate().IsMatch(t))
            {
                return "a date of birth";
            }

            if (VehicleRegistration().IsMatch(t))
            {
                return "a vehicle registration";
            }
        }

        return null;
    }

    /// <summary>
    /// The text as the screen reads it: Unicode NFKC (full-width and other compatibility forms become
    /// the ordinary letters, digits and @), every run of whitespace one space, trimmed. ASCII text with
    /// single spaces, nearly every record, is returned as it is.
    /// </summary>
    public static string Normalise(string text)
    {
        var plain = true;
        for (var i = 0; i < text.Length && plain; i++)
        {
            var c = text[i];
            plain = c < 128 && (c != ' ' ? !char.IsWhiteSpace(c) : i > 0 && i < text.Length - 1 && text[i + 1] != ' ');
        }

        if (plain)
        {
            return text;
        }

        var normalised = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalised.Length);
        foreach (var c in normalised)
        {
            if (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>An NHS number's tenth digit is a modulus-11 check on the first nine.</summary>
    public static bool IsValidNhsNumber(string text) => PassesNhsCheck(Digits(text));

    private static bool PassesNhsCheck(string digits)
    {
        if (digits.Length != 10)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        check = check == 11 ? 0 : check;
        return check != 10 && check == digits[9] - '0';
    }

    // Runs of digits with the spaces, hyphens, dots and brackets people write between them, read as
    // the digits alone: a UK telephone number (0 and nine or ten digits, +44 and ten, or +44 (0) and
    // ten); and an NHS number written as one (ten digits, or 3-3-4, passing its check).
    private static string? NumberIn(string text)
    {
        foreach (var match in NhsNumber().EnumerateMatches(text))
        {
            if (PassesNhsCheck(Digits(text.Substring(match.Index, match.Length))))
            {
                return "an NHS number";
            }
        }

        foreach (Match match in NumberRun().Matches(text))
        {
            var run = match.Value;
            var digits = Digits(run);
            var international = run.TrimStart().StartsWith('+');
            if (international && digits.StartsWith("44", StringComparison.Ordinal))
            {
                var national = digits[2..];
                if (national.StartsWith('0'))
                {
                    national = national[1..];
                }

                if (national.Length == 10)
                {
                    return "a telephone number";
                }
            }
            else if (!international && digits.StartsWith('0') && digits.Length is 10 or 11)
            {
                return "a telephone number";
            }
        }

        return null;
    }

    private static bool HasName(string text)
    {
        // A title and a name, unless the name is a street's (Lord Street, Sir George's Road, Lady Jane Grey Road, Heol Sir Ifor).
        foreach (Match titled in TitledName().Matches(text))
        {
            // "Lord Street", "Lady Grove": a rank before a street's word is the street's name; "Mx Green" is a person.
            var street = PersonalDataWords.PlaceWords.Contains(titled.Groups["name"].Value) && Rank().IsMatch(titled.Value);
            if (!street && !IsPlace(text, titled.Index + titled.Length) && !AfterPlaceWord(text, titled.Index))
            {
                return true;
            }
        }

        if (Initialled().Match(text) is { Success: true } initialled && !IsPlace(text, initialled.Index + initialled.Length))
        {
            return true;
        }

        // A forename, then a capitalised (or all-capital) surname not a place's word: John Smith, JANE DOE.
        // In lower case only a known surname after it counts: "john smith", not "mary had".
        foreach (Match pair in WordPair().Matches(text))
        {
            var first = pair.Groups["first"].Value;
            var last = pair.Groups["last"].Value;
            if (!PersonalDataWords.Forenames.Contains(first) || PersonalDataWords.PlaceWords.Contains(last) || IsPlace(text, pair.Groups["last"].Index + last.Length) || AfterPlaceWord(text, pair.Index)
                || PersonalDataWords.NamedPlaces.Any(p => string.Compare(text, pair.Index, p, 0, p.Length, StringComparison.OrdinalIgnoreCase) == 0))
            {
                continue;
            }

            var capitalised = char.IsUpper(first[0]) && char.IsUpper(last[0]);
            if (capitalised || PersonalDataWords.Surnames.Contains(last))
            {
                return true;
            }
        }

        return false;
    }

    // "Jane Doe Close", "J. Smith Road": a name followed within a word by a place's word is a place.
    private static bool IsPlace(string text, int after)
    {
        var rest = text.AsSpan(after).TrimStart();
        for (var words = 0; words < 2 && rest.Length > 0; words++)
        {
            var end = rest.IndexOfAny(' ', ',', '.');
            var word = end < 0 ? rest : rest[..end];
            if (PersonalDataWords.PlaceWords.Contains(word.ToString()))
            {
                return true;
            }

            rest = end < 0 ? [] : rest[(end + 1)..].TrimStart();
        }

        return false;
    }

    // Welsh streets name their kind first: Ffordd James Mcghan, Clos John Charles, Heol Richard Price.
    private static bool AfterPlaceWord(string text, int start)
    {
        var before = text.AsSpan(0, start).TrimEnd();
        var space = before.LastIndexOf(' ');
        var word = space < 0 ? before : before[(space + 1)..];
        return PersonalDataWords.PlaceWordsBefore.Contains(word.ToString());
    }

    private static bool HasDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    // A detail's name without case, spaces or punctuation.
    private static string Compact(string key) => string.Concat(Normalise(key).Where(char.IsLetterOrDigit)).ToLowerInvariant();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+\s?@\s?[A-Za-z0-9-]+(\s?\.\s?[A-Za-z0-9-]+)*\s?\.\s?[A-Za-z]{2,}")]
    private static partial Regex Email();

    // jane (at) example (dot) org, jane[at]example.org, jane at example dot org (a plain "at" only with a plain "dot").
    [GeneratedRegex(@"\b[a-z0-9._%+-]+ ?(\(at\)|\[at\]) ?[a-z0-9-]+ ?(\(dot\)|\[dot\]|\bdot\b|\.) ?[a-z]{2,}\b|\b[a-z0-9._%+-]+ at [a-z0-9-]+ dot [a-z]{2,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpelledEmail();

    // A whole postcode (outward and inward code), e.g. SO14 7DU; a district alone (SO14) is not personal.
    [GeneratedRegex(@"\b(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex FullPostcode();

    // Two letters, three pairs of digits, a letter A-D: AB 12 34 56 C.
    [GeneratedRegex(@"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.IgnoreCase)]
    private static partial Regex NationalInsurance();

    // The Police National Computer's id: two digits of year, a stroke, up to seven digits and a check letter (85/123456X).
    [GeneratedRegex(@"\b\d{2}/\d{1,7}[A-Z]\b", RegexOptions.IgnoreCase)]
    private static partial Regex PncId();

    [GeneratedRegex(@"\+?\(?\d[\d\s().-]{7,}\d")]
    private static partial Regex NumberRun();

    [GeneratedRegex(@"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")]
    private static partial Regex NhsNumber();

    // A date of birth by its words: DOB 01/02/1990, born on 4 May 1980, date of birth: 1980-05-04.
    [GeneratedRegex(@"\b(d\.?o\.?b\.?|date of birth|birth ?date|birthday|born)\b\W{0,3}(on|in)?\W{0,3}\d", RegexOptions.IgnoreCase)]
    private static partial Regex BirthDate();

    // A current-style UK registration (AB12 CDE): it names a vehicle's keeper.
    [GeneratedRegex(@"\b[A-Z]{2}[0-9]{2} ?[A-Z]{3}\b")]
    private static partial Regex VehicleRegistration();

    // A title and a name, in any case, an initial between or not: Mrs Patel, MR J SMITH, dr jones. "Miss" only capitalised (to miss school is not a name).
    [GeneratedRegex(@"(\b(?i:mr|mrs|ms|mx|dr|prof|rev|revd)\b\.?|\b(Miss|MISS|Sir|SIR|Dame|DAME|Lady|LADY|Lord|LORD)\b) ?(?:[A-Za-z]\.? )?(?<name>[A-Za-z][A-Za-z'-]+)")]
    private static partial Regex TitledName();

    [GeneratedRegex(@"^(?i:sir|dame|lady|lord)\b")]
    private static partial Regex Rank();

    // An initial and a surname: J. Smith, J.SMITH.
    [GeneratedRegex(@"\b[A-Z]\. ?[A-Z][A-Za-z'-]{2,}")]
    private static partial Regex Initialled();

    // A word and the next (perhaps after a middle initial), overlapping, so "Reported John Smith" is read as "John Smith" too.
    [GeneratedRegex(@"\b(?<first>[A-Za-z][a-z]+|[A-Z]+)\b(?= (?:[A-Z]\.? )?(?<last>[A-Za-z][A-Za-z'-]+))")]
    private static partial Regex WordPair();
}
