using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SafeCity.Gateway.Web;

/// <summary>A problem with one field of a form: the field's id (its name) and what to do about it.</summary>
public sealed record FieldError(string Field, string Message)
{
    public static IReadOnlyList<FieldError> One(string field, string message) => [new FieldError(field, message)];
}

/// <summary>The gateway's pages are Razor components rendered by the endpoint that serves them (static rendering, no circuit).</summary>
public static class GatewayPages
{
    public static RazorComponentResult<TPage> Page<TPage>(object? parameters = null, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new(parameters ?? new { }) { StatusCode = status };

    /// <summary>Pages that show a secret once (a one-time password, a client secret) are kept by no cache.</summary>
    public static RazorComponentResult<TPage> Secret<TPage>(HttpContext http, object parameters)
        where TPage : IComponent
    {
        http.Response.Headers.CacheControl = "no-store";
        return Page<TPage>(parameters);
    }

    /// <summary>The value of a form field, or null where it was not sent.</summary>
    public static string? Field(this IFormCollection form, string name) => form.TryGetValue(name, out var values) ? values.ToString() : null;
}
