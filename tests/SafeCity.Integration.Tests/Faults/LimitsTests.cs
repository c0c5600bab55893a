using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using SafeCity.Contracts.Records;
using Xunit.Abstractions;

namespace SafeCity.Integration.Tests.Faults;

/// <summary>What a fast or greedy caller meets: a bound on a call, and flow control instead of a full memory.</summary>
[Collection(FaultCollection.Name)]
public sealed class LimitsTests(FaultPlatformFixture fixture, ITestOutputHelper output)
{
    private static readonly Metadata AsbArson = new() { { "safecity-theme", "asb-arson" } };

    private static RecordSubmission Fire(string reference, string month, string? bulk = null)
    {
        var submission = new RecordSubmission { Source = "limits-test", Reference = reference, Category = "Fire incident", Month = month };
        if (bulk is not null)
        {
            for (var i = 0; i < 45; i++)
            {
                submission.Attributes.Add("detail" + i.ToString(CultureInfo.InvariantCulture), bulk);
            }
        }

        return submission;
    }

    [Fact]
    public async Task A_stream_beyond_the_records_a_call_may_carry_is_refused_after_keeping_the_batches_before_it()
    {
        using var channel = fixture.Channel();
        var client = new PartnerRecords.PartnerRecordsClient(channel);
        using var call = client.SubmitRecords(AsbArson);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (var i = 0; i <= FaultPlatformFixture.MaxRecordsPerCall; i++)
            {
                await call.RequestStream.WriteAsync(Fire("cap-" + i.ToString(CultureInfo.InvariantCulture), "2002-01"));
            }

            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("at most 1,000 records", refused.Status.Detail);
        Assert.Contains("The first 1,000 were taken", refused.Status.Detail);
        var counts = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/asb-arson/records/counts?from=2002-01&to=2002-01");
        Assert.Equal(FaultPlatformFixture.MaxRecordsPerCall, counts.EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task A_partner_streaming_faster_than_the_store_takes_waits_on_flow_control_and_the_service_memory_stays_bounded()
    {
        // 300 records of 900 KB each (270 MB), every one refused for its oversized details.
        var bulk = new string('x', 20_000);
        var pid = fixture.Platform.ProcessId("asb-arson");
        var before = SafeCity.Cli.Bench.Measures.ResidentMegabytes([pid]);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, SafeCity.Cli.Bench.Measures.ResidentMegabytes([pid]));
                await Task.Delay(50);
            }
        });

        using var channel = fixture.Channel();
        var client = new PartnerRecords.PartnerRecordsClient(channel);
        using var call = client.SubmitRecords(AsbArson);
        for (var i = 0; i < 300; i++)
        {
            await call.RequestStream.WriteAsync(Fire("bulk-" + i.ToString(CultureInfo.InvariantCulture), "2002-02", bulk));
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;
        await sampling.CancelAsync();
        await sampler;

        output.WriteLine($"asb-arson resident memory: {before:0} MB before, {peak:0} MB at most while 270 MB streamed in");
        Assert.Equal(300, reply.Rejected);
        Assert.All(reply.Results, r => Assert.StartsWith("Detail 1's value is longer than 1,000 characters", r.Reason));
        Assert.True(peak - before < 150, $"The service grew by {peak - before:0} MB while 270 MB were streamed: it is holding the stream, not taking it a batch at a time.");
    }

    [Fact]
    public async Task A_rejection_names_the_field_its_limit_and_the_length_and_never_echoes_the_value()
    {
        // 100 records each with a 900,000-character category: the answer once echoed them, 90 million characters.
        var category = new string('c', 900_000);
        using var channel = fixture.Channel();
        var client = new PartnerRecords.PartnerRecordsClient(channel);
        using var call = client.SubmitRecords(AsbArson);
        for (var i = 0; i < 100; i++)
        {
            await call.RequestStream.WriteAsync(new RecordSubmission { Source = "limits-test", Reference = "echo-" + i.ToString(CultureInfo.InvariantCulture), Category = category, Month = "2002-03" });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal(100, reply.Rejected);
        Assert.All(reply.Results, r => Assert.Equal("The category is longer than 100 characters (it has 900,000).", r.Reason));
        Assert.True(reply.CalculateSize() < 20_000, $"The answer to 100 refused records is {reply.CalculateSize():N0} bytes: it carries what it refused.");
    }

    [Fact]
    public async Task A_reference_longer_than_its_limit_is_refused_as_its_field_limit_and_length_in_a_reply_under_2_kilobytes()
    {
        using var channel = fixture.Channel();
        var client = new PartnerRecords.PartnerRecordsClient(channel);
        using var call = client.SubmitRecords(AsbArson);
        await call.RequestStream.WriteAsync(new RecordSubmission { Source = "limits-test", Reference = new string('r', 100_000), Category = "Deliberate secondary fire", Month = "2002-03" });
        await call.RequestStream.CompleteAsync();

        var reply = await call.ResponseAsync;

        var result = Assert.Single(reply.Results);
        Assert.Equal(("", "The reference is missing or longer than 200 characters (it has 100,000)."), (result.Reference, result.Reason));
        Assert.True(reply.CalculateSize() < 2_048, $"The answer to one refused record is {reply.CalculateSize():N0} bytes.");
    }
}
