using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Contracts.Records;
using SafeCity.RecordFiles;

namespace SafeCity.Cli.Partners;

/// <summary>What a partner system was told at sign-in: its token, and which theme keeps each category it may share.</summary>
public sealed record PartnerSession(string Token, string Organisation, IReadOnlyDictionary<string, string[]> Routes);

/// <summary>What sending a file did: records sent and how each theme answered, and rows refused before sending.</summary>
public sealed record PartnerSendSummary(int RowsRead, IReadOnlyList<RejectedRow> NotSent, IReadOnlyDictionary<string, SubmissionResult> ByTheme);

/// <summary>
/// The partner client: signs in with the organisation's client credentials (POST /connect/token at
/// the gateway), then sends a CSV of records over gRPC through the gateway, a client stream to each
/// theme that keeps them, and reports every record's result. What a partner's own system would do.
/// </summary>
public sealed class PartnerClient(HttpClient gatewayHttp, GrpcChannel gatewayGrpc)
{
    public async Task<PartnerSession> SignInAsync(string clientId, string secret, CancellationToken ct)
    {
        using var response = await gatewayHttp.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }), ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The gateway refused the client credentials: {body.GetProperty("error_description").GetString()}");
        }

        var routes = body.GetProperty("routes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(t => t.GetString()!).ToArray(), StringComparer.Ordinal);
        return new PartnerSession(body.GetProperty("access_token").GetString()!, body.GetProperty("organisation").GetString()!, routes);
    }

    /// <summary>Records per call: well within what a service takes in one call (Limits:MaxRecordsPerCall).</summary>
    public const int RecordsPerCall = 5000;

    public async Task<PartnerSendSummary> SendAsync(PartnerSession session, TextReader file, Action<string>? progress, CancellationToken ct)
    {
        var client = new PartnerRecords.PartnerRecordsClient(gatewayGrpc);
        var streams = new Dictionary<string, (AsyncClientStreamingCall<RecordSubmission, SubmissionResult> Call, int Sent)>(StringComparer.Ordinal);
        var results = new Dictionary<string, SubmissionResult>(StringComparer.Ordinal);
        var notSent = new List<RejectedRow>();
        var rows = 0;

        // A call carries at most RecordsPerCall records (the services bound a call); the replies of a theme's calls are added up.
        async Task FinishAsync(string theme)
        {
            if (!streams.Remove(theme, out var stream))
            {
                return;
            }

            using var call = stream.Call;
            await call.RequestStream.CompleteAsync();
            var reply = await call.ResponseAsync;
            if (!results.TryGetValue(theme, out var total))
            {
                results[theme] = reply;
                return;
            }

            total.Accepted += reply.Accepted;
            total.Duplicates += reply.Duplicates;
            total.Rejected += reply.Rejected;
            total.Results.AddRange(reply.Results);
        }

        try
        {
            await foreach (var (record, rejected) in PartnerCsv.ReadAsync(file, ct))
            {
                if (rejected is not null)
                {
                    notSent.Add(rejected);
                    continue;
                }

                rows++;
                if (!session.Routes.TryGetValue(record!.Category, out var themes) || themes.Length == 0)
                {
                    notSent.Add(new RejectedRow(record.Line, $"{session.Organisation} may not share '{record.Category}' records (it may share: {string.Join(", ", session.Routes.Keys)})."));
                    continue;
                }

                foreach (var theme in themes)
                {
                    if (!streams.TryGetValue(theme, out var stream))
                    {
                        stream = (client.SubmitRecords(new Metadata { { "safecity-theme", theme }, { "authorization", "Bearer " + session.Token } }, cancellationToken: ct), 0);
                    }

                    await stream.Call.RequestStream.WriteAsync(record, ct);
                    streams[theme] = (stream.Call, stream.Sent + 1);
                    if (stream.Sent + 1 == RecordsPerCall)
                    {
                        await FinishAsync(theme);
                    }
                }

                if (rows % 1000 == 0)
                {
                    progress?.Invoke($"{rows:N0} records sent…");
                }
            }

            foreach (var theme in streams.Keys.ToList())
            {
                await FinishAsync(theme);
            }

            return new PartnerSendSummary(rows, notSent, results);
        }
        finally
        {
            foreach (var stream in streams.Values)
            {
                stream.Call.Dispose();
            }
        }
    }

    public static void Report(PartnerSendSummary summary, TextWriter output)
    {
        output.WriteLine($"{summary.RowsRead:N0} records read.");
        foreach (var (theme, result) in summary.ByTheme.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {theme}: {result.Accepted:N0} accepted, {result.Duplicates:N0} already held, {result.Rejected:N0} rejected");
            foreach (var r in result.Results.Where(r => r.Outcome == SafeCity.Contracts.Records.RecordOutcome.Rejected).Take(50))
            {
                output.WriteLine($"    line {r.Line} ({r.Reference}): {r.Reason}");
            }
        }

        if (summary.NotSent.Count > 0)
        {
            output.WriteLine($"{summary.NotSent.Count:N0} lines not sent:");
            foreach (var r in summary.NotSent.Take(50))
            {
                output.WriteLine($"  line {r.Line}: {r.Reason}");
            }
        }
    }
}
