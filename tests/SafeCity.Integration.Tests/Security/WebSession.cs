using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SafeCity.Integration.Tests.Security;

/// <summary>
/// A browser as an attacker would drive it: cookies kept by hand (the way curl keeps them, Secure or
/// not), forms posted with or without their antiforgery token, and, where given, calls made from a
/// loopback address of its own (127.0.0.x), so that per-address rules can be tried from two machines.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly HttpClient _http;

    public WebSession(Uri gateway, string? from = null)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        if (from is not null)
        {
            var source = IPAddress.Parse(from);
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }

        _http = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The cookies as a browser would send them now: to save, and to send again later.</summary>
    public IReadOnlyDictionary<string, string> Cookies => new Dictionary<string, string>(_cookies);

    public void Restore(IReadOnlyDictionary<string, string> cookies)
    {
        _cookies.Clear();
        foreach (var (name, value) in cookies)
        {
            _cookies[name] = value;
        }
    }

    public async Task<HttpResponseMessage> GetAsync(string path, bool html = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (html)
        {
            request.Headers.Accept.ParseAdd("text/html");
        }

        return await SendAsync(request);
    }

    public async Task<string> PageAsync(string path)
    {
        using var response = await GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form with the antiforgery token of the page it is on (<paramref name="page"/>), or with none.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? page = null, bool withToken = true)
    {
        var form = fields.ToList();
        if (withToken)
        {
            form.Add(new("__RequestVerificationToken", Token(await PageAsync(page ?? path))));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("text/html");
        return await SendAsync(request);
    }

    /// <summary>A JSON call with the session cookie, with such headers as a browser adds (Origin, Sec-Fetch-Site).</summary>
    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, object body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> SignInAsync(string username, string password, string returnUrl = "/") =>
        PostAsync("/account/sign-in", [new("username", username), new("password", password), new("returnUrl", returnUrl)]);

    public async Task ChangePasswordAsync(string current, string replacement)
    {
        using var response = await PostAsync("/account/password", [new("current", current), new("replacement", replacement), new("confirmation", replacement)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Signs in with a one-time password and chooses <paramref name="password"/>.</summary>
    public async Task FirstSignInAsync(string username, string oneTime, string password)
    {
        using var signedIn = await SignInAsync(username, oneTime);
        Assert.Equal("/account/password", signedIn.Headers.Location?.OriginalString);
        await ChangePasswordAsync(oneTime, password);
    }

    /// <summary>As an administrator: a new account with these roles; its one-time password.</summary>
    public async Task<string> CreateAccountAsync(string username, params string[] roles)
    {
        using var response = await PostAsync("/account/users/", [new("username", username), new("name", "Test " + username), .. roles.Select(r => new KeyValuePair<string, string>("roles", r))], "/account/users");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Creating {username}: {(int)response.StatusCode}");
        return OneTimePassword().Match(html).Groups[1].Value;
    }

    public static string Token(string html) =>
        TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token.");

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var header in set)
            {
                var pair = header.Split(';', 2)[0];
                var cut = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..cut], pair[(cut + 1)..]);
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
                if (expired)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("id=\"one-time-password\">([^<]+)<")]
    private static partial Regex OneTimePassword();
}
