using System.Net;
using System.Text;
using System.Text.Json;

namespace SafeCity.Integration.Tests.Security;

/// <summary>What one request may bring, tried on the HTTP port (HTTP/1.1) and the gRPC port (HTTP/2) alike.</summary>
public sealed partial class GatewaySecurityTests
{
    public static TheoryData<string> BothPorts => ["http", "grpc"];

    private HttpRequestMessage OnPort(string port, HttpMethod method, string path)
    {
        var address = port == "http" ? fixture.Platform.GatewayHttp : fixture.Platform.GatewayGrpc;
        return new HttpRequestMessage(method, new Uri(address, path))
        {
            Version = port == "http" ? HttpVersion.Version11 : HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    private static async Task<(HttpStatusCode Status, string Detail)> RefusalAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length > 0 ? JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()! : "");
    }

    [Theory]
    [MemberData(nameof(BothPorts))]
    public async Task A_body_over_the_limit_is_refused_in_words_on_either_port_with_or_without_its_length(string port)
    {
        using var http = new HttpClient();
        var big = "grant_type=client_credentials&client_id=x&client_secret=" + new string('s', 2 * 1024 * 1024);

        using var declared = await SendOversizedAsync(http, () =>
        {
            var withLength = OnPort(port, HttpMethod.Post, "/connect/token");
            withLength.Content = new StringContent(big, Encoding.ASCII, "application/x-www-form-urlencoded");
            return withLength;
        });
        using var streamed = await SendOversizedAsync(http, () =>
        {
            var withoutLength = OnPort(port, HttpMethod.Post, "/connect/token");
            withoutLength.Content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(big)));
            withoutLength.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            withoutLength.Headers.TransferEncodingChunked = port == "http";
            return withoutLength;
        });

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "The request body is larger than the 1,024 KB one call may send."), await RefusalAsync(declared));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "The request body is larger than the 1,024 KB one call may send."), await RefusalAsync(streamed));
    }

    /// <summary>
    /// Sends a body the gateway refuses. The gateway may answer and close while the client is still
    /// writing the rest of the body (HTTP allows it); the client then sees a broken pipe instead of the
    /// answer. The body waits for "100 Continue" where it can, and the request is sent again, at most
    /// three times, when the pipe broke: the answer must still be the refusal in words.
    /// </summary>
    private static async Task<HttpResponseMessage> SendOversizedAsync(HttpClient http, Func<HttpRequestMessage> request)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            message.Headers.ExpectContinue = true;
            try
            {
                return await http.SendAsync(message);
            }
            catch (HttpRequestException e) when (attempt < 3 && e.InnerException is IOException)
            {
            }
        }
    }

    [Theory]
    [MemberData(nameof(BothPorts))]
    public async Task A_form_of_too_many_values_is_refused_before_it_is_read_on_either_port(string port)
    {
        using var http = new HttpClient();
        using var request = OnPort(port, HttpMethod.Post, "/connect/token");
        request.Content = new FormUrlEncodedContent(Enumerable.Range(0, 2_000).Select(i => new KeyValuePair<string, string>("v" + i, "1"))
            .Prepend(new("grant_type", "client_credentials")));

        using var response = await http.SendAsync(request);
        var (status, detail) = await RefusalAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("The form has more than 500 values", detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BothPorts))]
    public async Task Headers_over_32_kilobytes_are_refused_on_either_port(string port)
    {
        using var http = new HttpClient();
        using var request = OnPort(port, HttpMethod.Get, "/api/governance/performance");
        request.Headers.Add("X-Padding", new string('h', 40 * 1024));

        HttpStatusCode? status;
        try
        {
            using var response = await http.SendAsync(request);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // HTTP/2 may end the stream or the connection rather than answer.
            status = null;
        }

        Assert.True(status is null or HttpStatusCode.RequestHeaderFieldsTooLarge or HttpStatusCode.BadRequest, $"A 40 KB header was answered {status}.");
    }

    [Fact]
    public async Task On_the_grpc_port_only_a_grpc_call_goes_past_the_body_limit_json_there_is_refused()
    {
        // gRPC streams are bounded per message by the services (LimitsTests streams 270 MB through this port).
        using var http = new HttpClient();
        using var json = OnPort("grpc", HttpMethod.Post, "/api/alcohol/plans");
        json.Content = new ByteArrayContent(new byte[1100 * 1024]);
        json.Content.Headers.ContentType = new("application/json");

        using var refused = await http.SendAsync(json);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "The request body is larger than the 1,024 KB one call may send."), await RefusalAsync(refused));
    }
}
