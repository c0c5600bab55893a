using System.Text.RegularExpressions;

namespace SafeCity.Kernel.Records;

/// <summary>Where a record holds personal data, and what kind (never the value itself).</summary>
public sealed record PersonalDataFinding(string Field, string Kind)
{
    public string Reason => $"Personal data in a depersonalised feed: {Field} holds {Kind}. The Information Sharing Agreement (paragraph 27) asks for depersonalised records; nothing of this record was kept.";
}

/// <summary>
/// Looks for personal data in a record that should be depersonalised (Appendix B, paragraphs 9 and
/// 27): names, dates of birth, NHS numbers, full postcodes, telephone numbers and e-mail addresses.
/// It reads the free-text fields and every detail, by the detail's name and by the shape of its
/// value. It is a screen, not a proof: it catches the common shapes, and says which field, so the
/// sender can fix its extract.
/// </summary>
public static partial class PersonalDataScreen
{
    // Detail names that can only hold a person's name or birth date, compared without case, spaces or punctuation.
    private static readonly HashSet<string> NameFields = new(StringComparer.Ordinal)
    {
        "name", "fullname", "forename", "forenames", "firstname", "givenname", "surname", "lastname", "familyname",
        "personname", "victimname", "offendername", "suspectname", "witnessname", "patientname", "nameofperson",
    };

    private static readonly HashSet<string> BirthFields = new(StringComparer.Ordinal) { "dob", "dateofbirth", "birthdate", "birthday", "born" };

    public static PersonalDataFinding? Find(PartnerRecord record)
    {
        foreach (var (key, value) in record.Attributes)
        {
            var field = "attributes." + key;
            var normalised = Normalise(key);
            if (NameFields.Contains(normalised) || normalised.EndsWith("surname", StringComparison.Ordinal) || normalised.EndsWith("forename", StringComparison.Ordinal))
            {
                return new(field, "a person's name");
            }

            if (BirthFields.Contains(normalised) || normalised.Contains("dateofbirth", StringComparison.Ordinal))
            {
                return new(field, "a date of birth");
            }

            if (normalised.Contains("nhsnumber", StringComparison.Ordinal))
            {
                return new(field, "an NHS number");
            }

            if (InText(value) is { } kind)
            {
                return new(field, kind);
            }
        }

        if (InText(record.Location) is { } inLocation)
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

        // The sender's own reference is an identifier of theirs: only the unmistakable shapes are looked for.
        return Email().IsMatch(record.Reference) ? new("reference", "an e-mail address") : null;
    }

    /// <summary>What kind of personal data a piece of text holds, or null.</summary>
    public static string? InText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Every shape but a titled name needs a digit or an @; most texts (outcomes, forces, streets)
        // have neither, and are spared five scans.
        if (!HasDigitOrAt(text))
        {
            return TitledName().IsMatch(text) ? "a person's name" : null;
        }

        if (Email().IsMatch(text))
        {
            return "an e-mail address";
        }

        if (FullPostcode().IsMatch(text))
        {
            return "a full postcode";
        }

        // Every record's every text passes here: matches are looked at in place, not collected.
        foreach (var match in NhsNumber().EnumerateMatches(text))
        {
            if (IsValidNhsNumber(text.AsSpan(match.Index, match.Length)))
            {
                return "an NHS number";
            }
        }

        if (Telephone().IsMatch(text))
        {
            return "a telephone number";
        }

        if (BirthDate().IsMatch(text))
        {
            return "a date of birth";
        }

        return TitledName().IsMatch(text) ? "a person's name" : null;
    }

    // char.IsDigit is what the patterns' \d matches: any Unicode decimal digit, not only 0-9.
    private static bool HasDigitOrAt(string text)
    {
        foreach (var c in text)
        {
            if (c == '@' || char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An NHS number's tenth digit is a modulus-11 check on the first nine.</summary>
    public static bool IsValidNhsNumber(string text) => IsValidNhsNumber(text.AsSpan());

    private static bool IsValidNhsNumber(ReadOnlySpan<char> text)
    {
        Span<int> digits = stackalloc int[10];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == 10)
                {
                    return false;
                }

                digits[count++] = c - '0';
            }
        }

        if (count != 10)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += digits[i] * (10 - i);
        }

        var check = 11 - (sum % 11);
        check = check == 11 ? 0 : check;
        return check != 10 && check == digits[9];
    }

    // A detail's name without case, spaces or punctuation; the few names a feed uses are worked out once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Normalised = new(StringComparer.Ordinal);

    private static string Normalise(string key)
    {
        if (Normalised.TryGetValue(key, out var known))
        {
            return known;
        }

        var normalised = string.Create(key.Count(char.IsLetterOrDigit), key, (span, k) =>
        {
            var i = 0;
            foreach (var c in k)
            {
                if (char.IsLetterOrDigit(c))
                {
                    span[i++] = char.ToLowerInvariant(c);
                }
            }
        });
        if (Normalised.Count < 10_000)
        {
            Normalised.TryAdd(key, normalised);
        }

        return normalised;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // A whole postcode (outward and inward code), e.g. SO14 7DU; a district alone (SO14) is not personal.
    [GeneratedRegex(@"\b(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex FullPostcode();

    [GeneratedRegex(@"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")]
    private static partial Regex NhsNumber();

    // UK numbers: 0 or +44 then ten digits, spaces, hyphens or brackets allowed between them.
    [GeneratedRegex(@"(?<![\d+])(?:\+44\s?\(?0?\)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")]
    private static partial Regex Telephone();

    [GeneratedRegex(@"\b(d\.?o\.?b\.?|date of birth|born)\b\W{0,3}\d", RegexOptions.IgnoreCase)]
    private static partial Regex BirthDate();

    [GeneratedRegex(@"\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'-]+")]
    private static partial Regex TitledName();
}
