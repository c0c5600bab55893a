using System.Net.Http.Headers;
using SafeCity.Contracts.Identity;

namespace SafeCity.LocalPlatform;

/// <summary>
/// Signs every call a tool on the platform's host makes with a token of minutes, made afresh as the
/// last one nears its end: as the operator to the gateway (a bearer token), or, with every key of the
/// run, as an administrator to a service directly (its identity header, for that service alone).
/// </summary>
public sealed class SignedCalls : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, (string Name, string Value)> _sign;

    private SignedCalls(Func<HttpRequestMessage, (string Name, string Value)> sign)
        : base(new SocketsHttpHandler())
    {
        _sign = sign;
    }

    /// <summary>Calls to the gateway as the operator, with the operator's key ring (keys/operator.key).</summary>
    public static HttpClient ToGateway(string operatorKeys)
    {
        string? token = null;
        var renewAt = DateTimeOffset.MinValue;
        return new HttpClient(new SignedCalls(_ =>
        {
            if (token is null || DateTimeOffset.UtcNow >= renewAt)
            {
                token = PlatformTokens.OperatorToken(operatorKeys, DateTimeOffset.UtcNow);
                renewAt = DateTimeOffset.UtcNow.Add(PlatformTokens.OperatorLifetime / 2);
            }

            return ("Authorization", "Bearer " + token);
        }));
    }

    /// <summary>Calls straight to one service, as an administrator (or as a person holding <paramref name="roles"/>), with every key of the run.</summary>
    public static HttpClient ToService(PlatformKeys keys, string service, string user = "operator", IReadOnlyList<string>? roles = null) =>
        new(new SignedCalls(_ =>
        {
            var now = DateTimeOffset.UtcNow;
            var token = keys.All().Issue(TokenKind.Person, new PlatformUser(user, roles is null ? "The platform's operator" : user, roles ?? [PlatformRoles.Administrator, PlatformRoles.PlatformOperator], now.Add(PlatformTokens.InternalLifetime)), service, now);
            return (PlatformTokens.Header, token);
        }));

    /// <summary>Calls straight to one service as another service of the platform (a service token naming <paramref name="caller"/>), with the run's service ring.</summary>
    public static HttpClient AsService(PlatformKeys keys, string caller, string service) =>
        new(new SignedCalls(_ =>
        {
            var now = DateTimeOffset.UtcNow;
            var token = keys.All().Issue(TokenKind.Service, new PlatformUser("service:" + caller, caller + " service", [PlatformRoles.Analyst], now.Add(PlatformTokens.InternalLifetime)), service, now);
            return (PlatformTokens.Header, token);
        }));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (name, value) = _sign(request);
        if (name == "Authorization")
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(value);
        }
        else
        {
            request.Headers.Remove(name);
            request.Headers.Add(name, value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
