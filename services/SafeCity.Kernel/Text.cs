namespace SafeCity.Kernel;

/// <summary>Small text rules the forms, APIs and intake share.</summary>
public static class Text
{
    /// <summary>Null for a missing or blank value, else the value trimmed: what a form's empty field means.</summary>
    public static string? NullIfBlank(this string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; empty for null.
    /// Text starting =, +, - or @ gets a leading ' so that a spreadsheet shows it rather than runs it.
    /// </summary>
    public static string CsvField(string? text)
    {
        if (text is null)
        {
            return "";
        }

        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
