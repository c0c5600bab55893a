using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SafeCity.Kernel.Apis;

/// <summary>The asAt query parameter the pages and APIs take: yyyy-MM-dd.</summary>
public static class AsAt
{
    public const string Help = "Give the date as yyyy-MM-dd, for example 2008-09-30.";

    public static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);

    /// <summary>Empty: no date (null). Otherwise the date, or a validation problem naming asAt.</summary>
    public static bool TryRead(string? text, out DateOnly? day, out ValidationProblem problem)
    {
        problem = TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asAt"] = [Help] });
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!TryParse(text, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }
}
