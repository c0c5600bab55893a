using Microsoft.AspNetCore.Mvc;
using SafeCity.Kernel.Commands;

namespace SafeCity.Kernel.Apis;

/// <summary>What the theme's JSON endpoints share in reading a body and answering a refused command.</summary>
public static class ApiInput
{
    // An unknown name becomes an undefined value, which the command refuses naming the field. Only names
    // count: Enum.TryParse would also take a number ("5"), which is no status a person writes.
    public static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        text is null ? null
        : !text.Trim().Any(char.IsDigit) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : (T)(object)(-1);

    public static ProblemDetails Problem<T>(CommandResult<T> result) => new() { Detail = result.Describe() };
}
