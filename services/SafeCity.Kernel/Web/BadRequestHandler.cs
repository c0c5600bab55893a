using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SafeCity.Kernel.Web;

/// <summary>
/// A request the endpoint could not even read (not JSON, the wrong type for a field, too big, not
/// JSON at all) answered with what was wrong, not a bare 400. The endpoints throw these
/// (RouteHandlerOptions.ThrowOnBadRequest) so that they arrive here.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems, PlatformLimits limits) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read", Detail = Describe(bad, limits) },
        });
    }

    public static string Describe(BadHttpRequestException bad, PlatformLimits limits) => bad switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the {limits.MaxRequestBodyKilobytes:N0} KB one call may send."),
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => "Send the body as JSON, with Content-Type: application/json.",
        { InnerException: JsonException json } => Describe(json),
        _ => Scrubbed(bad.Message),
    };

    // The framework's words can carry what was sent (Failed to bind parameter "DateOnly asAt" from "…"):
    // the value is named by its length when long, and any other long message is not passed on.
    private static string Scrubbed(string message)
    {
        var bind = FailedToBind().Match(message);
        var scrubbed = bind.Success ? $"{bind.Groups["what"].Value} from {Apis.SentValue.Shown(bind.Groups["sent"].Value)}." : message;
        return scrubbed.Length <= 300 ? scrubbed : "The request's values could not be read.";
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(?<what>Failed to bind parameter \"[^\"]*\") from \"(?<sent>.*)\"\\.?$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex FailedToBind();

    private static string Describe(JsonException json)
    {
        // A path names the caller's own keys (a dictionary's): a long one is not repeated.
        var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" at {Apis.SentValue.Shown(json.Path)}";
        var what = json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "the value is not of the type that field takes (a number, text, or true or false)"
            : json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
        return $"The request body is not the JSON this call takes{where}: {what}.";
    }
}
