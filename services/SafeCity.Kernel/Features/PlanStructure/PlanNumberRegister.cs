using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SafeCity.Kernel.Hosting;
using SafeCity.ServiceDefaults;

namespace SafeCity.Kernel.Features.PlanStructure;

/// <summary>What the partnership's register of plan numbers said: the number is the theme's, or why not.</summary>
public sealed record PlanNumberAnswer(int? Number, string? Problem)
{
    public static PlanNumberAnswer Given(int number) => new(number, null);

    public static PlanNumberAnswer Refused(string problem) => new(null, problem);
}

/// <summary>
/// The partnership's register of plan numbers, held by governance, so that a number names one plan
/// across every theme (plan 20 is objective 7c's, once). A theme asks it before adding a plan.
/// </summary>
public interface IPlanNumberRegister
{
    /// <summary>The number the theme's next plan would take; null when the register cannot be asked now.</summary>
    Task<int?> NextAsync(string? objective, CancellationToken ct);

    /// <param name="actor">The officer adding the plan, for the register's record.</param>
    Task<PlanNumberAnswer> ReserveAsync(int number, string? objective, string? title, string actor, CancellationToken ct);
}

/// <summary>
/// Asks governance's register over HTTP (found as http://governance by service discovery, or through
/// the Dapr sidecar), signed as this theme's service: governance gives a theme numbers for its own
/// plans only. A register that does not answer refuses the plan for now: two themes must never give
/// one number to two plans.
/// </summary>
public sealed class HttpPlanNumberRegister(IHttpClientFactory clients, ThemeDefinition theme, ServiceCalls calls, IConfiguration configuration, ILogger<HttpPlanNumberRegister> logger) : IPlanNumberRegister
{
    public const string ClientName = "governance";

    public const string NotConfigured = "This theme is not told where the partnership's register of plan numbers is (services:governance:http:0, or Dapr:Invoke), so no number can be given.";

    // Governance is found by service discovery, or through the Dapr sidecar; with neither, asking would only wait for a name that resolves nowhere.
    private bool Configured => configuration["services:governance:http:0"] is { Length: > 0 } || configuration.GetValue<bool>("Dapr:Invoke");

    public const string Unavailable = "The partnership's register of plan numbers (the governance service) did not answer, so no number can be given just now: try again shortly.";

    /// <summary>How long a page waits for the number to offer before offering the theme's own next instead.</summary>
    public static readonly TimeSpan OfferWait = TimeSpan.FromSeconds(2);

    public async Task<int?> NextAsync(string? objective, CancellationToken ct)
    {
        if (!Configured)
        {
            return null;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(OfferWait);
        try
        {
            using var request = Request(HttpMethod.Get, $"http://governance/api/governance/plan-numbers/next?theme={Uri.EscapeDataString(theme.Slug)}&objective={Uri.EscapeDataString(objective ?? "")}");
            using var response = await clients.CreateClient(ClientName).SendAsync(request, wait.Token);
            return response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<Answer>(KernelJson.Options, wait.Token) is { } answer ? answer.Number : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("The register of plan numbers did not answer: {Reason}", e.Message);
            return null;
        }
    }

    public async Task<PlanNumberAnswer> ReserveAsync(int number, string? objective, string? title, string actor, CancellationToken ct)
    {
        if (!Configured)
        {
            return PlanNumberAnswer.Refused(NotConfigured);
        }

        try
        {
            using var request = Request(HttpMethod.Post, "http://governance/api/governance/plan-numbers");
            request.Content = JsonContent.Create(new { number, theme = theme.Slug, objective, title, requestedBy = actor }, options: KernelJson.Options);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return PlanNumberAnswer.Given(number);
            }

            if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden
                && await response.Content.ReadFromJsonAsync<Problem>(KernelJson.Options, ct) is { Detail: { Length: > 0 } detail })
            {
                return PlanNumberAnswer.Refused(detail);
            }

            logger.LogWarning("The register of plan numbers answered {Status}", (int)response.StatusCode);
            return PlanNumberAnswer.Refused(Unavailable);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("The register of plan numbers did not answer: {Reason}", e.Message);
            return PlanNumberAnswer.Refused(Unavailable);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        calls.Sign(request, "governance");
        return request;
    }

    private sealed record Answer(int Number);

    private sealed record Problem(string? Detail);
}
