namespace SafeCity.Kernel;

/// <summary>Small text rules the forms, APIs and intake share.</summary>
public static class Text
{
    /// <summary>Null for a missing or blank value, else the value trimmed: what a form's empty field means.</summary>
    public static string? NullIfBlank(this string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; empty for null.</summary>
    public static string CsvField(string? text) =>
        text is null ? ""
        : text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\""
        : text;
}
