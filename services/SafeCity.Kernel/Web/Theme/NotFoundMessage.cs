using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace SafeCity.Kernel.Web.Theme;

/// <summary>What a page found missing, for the not-found page it hands the request to.</summary>
public static class NotFoundMessage
{
    private const string Key = "SafeCity.NotFound";

    public static void Say(HttpContext? http, string message)
    {
        if (http is not null)
        {
            http.Items[Key] = message;
        }
    }

    /// <summary>Answers 404 with the not-found page, saying what was missing.</summary>
    public static void Answer(NavigationManager navigation, HttpContext? http, string message)
    {
        Say(http, message);
        navigation.NotFound();
    }

    public static string? Of(HttpContext? http) => http?.Items.TryGetValue(Key, out var message) == true ? message as string : null;
}
