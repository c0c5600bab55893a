using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Cli.Import;
using SafeCity.Contracts.Records;
using SafeCity.LocalPlatform;

namespace SafeCity.Cli.Bench;

/// <summary>gRPC streaming intake at each scale: through the gateway against straight to the service, in turns.</summary>
public sealed class StreamingBench(LocalPlatformHost platform, Action<Figure> add)
{
    public async Task MeasureAsync(IEnumerable<int> scales)
    {
        foreach (var scale in scales)
        {
            await StreamAsync(scale);
        }
    }

    private async Task StreamAsync(int scale)
    {
        var count = 1_000 * scale;
        var headers = new Metadata { { "safecity-theme", "asb-arson" } };
        using var direct = BenchCalls.Channel(platform, platform.Endpoints["asb-arson"].Grpc);
        using var gateway = BenchCalls.Channel(platform, platform.GatewayGrpc);
        // Warm-up calls each way, then several rounds each way, in turns (which goes first alternates, so
        // drift on the machine falls on both); the median of each way is compared. Every record is new.
        // Small calls are measured many times: one call of 1,000 records takes a few tens of milliseconds,
        // and five of them swung the ratio from 0.5 to 1.2 while hundreds in a row show no difference.
        for (var warm = 0; warm < 5; warm++)
        {
            await SendFiresAsync(direct, headers, 1_000, $"warm-direct-{scale}-{warm}", "2024-01");
            await SendFiresAsync(gateway, headers, 1_000, $"warm-gateway-{scale}-{warm}", "2024-01");
        }

        var rounds = scale switch { 1 => 25, 10 => 5, _ => 3 };
        var straightRates = new List<double>();
        var throughRates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var viaGateway in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var took = await SendFiresAsync(viaGateway ? gateway : direct, headers, count, $"{(viaGateway ? "gateway" : "direct")}-{scale}-{round}", viaGateway ? "2024-03" : "2024-02");
                (viaGateway ? throughRates : straightRates).Add(count / took.TotalSeconds);
            }
        }

        var (straightRate, throughRate) = (Measures.Percentile(straightRates, 50), Measures.Percentile(throughRates, 50));
        var ratio = throughRate / straightRate;
        add(new("gRPC streaming through the gateway: records a second", BenchCalls.Scale(scale, $"{count:N0} records"), $"{throughRate:N0}", null, null,
            $"median of {rounds} calls each way, in turns; through the gateway {throughRates.Min():N0}–{throughRates.Max():N0}, straight to the service {straightRates.Min():N0}–{straightRates.Max():N0} (median {straightRate:N0}) a second"));
        add(new("gRPC streaming: gateway ÷ straight", BenchCalls.Scale(scale, $"{count:N0} records"), $"{ratio:0.00}", "≥ 0.8", ratio >= 0.8));
    }

    private static async Task<TimeSpan> SendFiresAsync(GrpcChannel channel, Metadata headers, int count, string prefix, string month)
    {
        var client = new PartnerRecords.PartnerRecordsClient(channel);
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < count; start += PoliceStreetImport.RecordsPerCall)
        {
            using var call = client.SubmitRecords(headers);
            for (var i = start; i < Math.Min(count, start + PoliceStreetImport.RecordsPerCall); i++)
            {
                await call.RequestStream.WriteAsync(new RecordSubmission
                {
                    Source = "bench",
                    Reference = prefix + "-" + i.ToString(CultureInfo.InvariantCulture),
                    Category = "Fire incident",
                    Month = month,
                    Location = "On or near Portswood Road",
                    Attributes = { ["fireType"] = i % 3 == 0 ? "primary" : "secondary", ["deliberate"] = i % 2 == 0 ? "yes" : "no" },
                });
            }

            await call.RequestStream.CompleteAsync();
            var reply = await call.ResponseAsync;
            if (reply.Accepted != Math.Min(PoliceStreetImport.RecordsPerCall, count - start))
            {
                throw new InvalidOperationException($"The stream was not taken whole: {reply.Accepted} accepted, first refusal {reply.Results.FirstOrDefault(r => r.Outcome != SafeCity.Contracts.Records.RecordOutcome.Accepted)?.Reason}");
            }
        }

        return clock.Elapsed;
    }
}
