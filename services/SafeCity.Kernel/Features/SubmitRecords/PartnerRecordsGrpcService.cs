using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SafeCity.Contracts.Identity;
using SafeCity.Contracts.Records;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Records;
using SafeCity.RecordFiles;
using ContractOutcome = SafeCity.Contracts.Records.RecordOutcome;

namespace SafeCity.Kernel.Features.SubmitRecords;

/// <summary>
/// Records handed in by partner systems and the police data import, one at a time or streamed and
/// stored in batches. A partner system may send only the categories its organisation may share
/// (its signed identity lists them); its records are kept under its organisation's id as their
/// source, so that one partner cannot write over another's references.
/// </summary>
/// <remarks>
/// A stream is read a batch at a time and each batch stored before the next is read, so a partner
/// faster than the store waits on HTTP/2 flow control rather than filling this service's memory.
/// </remarks>
[Authorize(Policy = ThemePolicies.SubmitRecords)]
public sealed class PartnerRecordsGrpcService(RecordIntake intake, TimeProvider clock, Web.PlatformLimits limits) : PartnerRecords.PartnerRecordsBase
{
    /// <summary>
    /// Records stored in one transaction. Each transaction rewrites the index pages its records land on,
    /// so larger ones cost less a record; but while a batch is stored the stream waits, so smaller ones
    /// keep a partner's stream flowing. 2,500 measured best for both (docs/performance-notes.md): 5,000
    /// slowed a 100,000-record stream from 88,000 to 60,000 records a second.
    /// </summary>
    public const int BatchSize = 2500;

    /// <summary>A batch is also stored once its records reach this many bytes, so that big records do not pile up.</summary>
    public const int BatchBytes = 4 * 1024 * 1024;

    public override async Task<RecordResult> SubmitRecord(RecordSubmission request, ServerCallContext context)
    {
        var caller = Caller(context);
        var reply = new SubmissionResult();
        await TakeAsync([(request.Line, ToRecord(request, caller), Unreadable(request))], caller, reply, context.CancellationToken);
        return reply.Results[0];
    }

    public override Task<SubmissionResult> SubmitRecords(IAsyncStreamReader<RecordSubmission> requestStream, ServerCallContext context) =>
        TakeStreamAsync(requestStream.ReadAllAsync(context.CancellationToken), context);

    public override Task<SubmissionResult> SubmitRecordGroups(IAsyncStreamReader<RecordGroup> requestStream, ServerCallContext context) =>
        TakeStreamAsync(Ungrouped(requestStream, context.CancellationToken), context);

    private static async IAsyncEnumerable<RecordSubmission> Ungrouped(IAsyncStreamReader<RecordGroup> groups, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var group in groups.ReadAllAsync(ct))
        {
            foreach (var submission in group.Records)
            {
                yield return submission;
            }
        }
    }

    private async Task<SubmissionResult> TakeStreamAsync(IAsyncEnumerable<RecordSubmission> submissions, ServerCallContext context)
    {
        var caller = Caller(context);
        var reply = new SubmissionResult();
        var batch = new List<(long Line, PartnerRecord Record, string? Unreadable)>(BatchSize);
        var received = 0;
        var bytes = 0;
        try
        {
            await foreach (var submission in submissions)
            {
                if (++received > limits.MaxRecordsPerCall)
                {
                    // What came within the limit is kept, so the refusal can say where to carry on from.
                    await TakeAsync(batch, caller, reply, context.CancellationToken, refreshNow: false);
                    throw new RpcException(new Status(StatusCode.ResourceExhausted,
                        $"One call may carry at most {limits.MaxRecordsPerCall:N0} records. The first {reply.Results.Count:N0} were taken; send the rest in further calls (records already held are answered as duplicates)."));
                }

                batch.Add((submission.Line, ToRecord(submission, caller), Unreadable(submission)));
                bytes += submission.CalculateSize();
                if (batch.Count == BatchSize || bytes >= BatchBytes)
                {
                    await TakeAsync(batch, caller, reply, context.CancellationToken, refreshNow: false);
                    bytes = 0;
                }
            }

            await TakeAsync(batch, caller, reply, context.CancellationToken, refreshNow: false);
        }
        finally
        {
            // The computed indicators are counted once a call, not once a batch: whatever the call kept is in them when it ends.
            await intake.SettleAsync(CancellationToken.None);
        }

        return reply;
    }

    private sealed record CallerInfo(ClaimsPrincipal User, string Actor, string? Organisation)
    {
        public bool IsPartnerSystem => Organisation is not null;
    }

    private CallerInfo Caller(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var organisation = ThemeAccess.IsPartnerSystem(user)
            ? ThemeAccess.OrganisationOf(user) ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "A partner system must sign in as its organisation."))
            : null;
        return new CallerInfo(user, ThemeAccess.ActorOf(user), organisation);
    }

    private async Task TakeAsync(List<(long Line, PartnerRecord Record, string? Unreadable)> batch, CallerInfo caller, SubmissionResult reply, CancellationToken ct, bool refreshNow = true)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // A category of this theme that the organisation may not share refuses the whole call before anything
        // of this batch is kept. (A category the theme does not keep at all is a bad record, answered as such.)
        if (batch.FirstOrDefault(b => intake.Categories.Contains(b.Record.Category) && !ThemeAccess.MayShare(caller.User, b.Record.Category)) is { Record: { } refused } first)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{caller.User.FindFirstValue(PlatformRoles.DisplayNameClaim) ?? caller.Actor} may not share '{refused.Category}' records under the Information Sharing Agreement (line {first.Line})." +
                (batch.Count > 1 ? $" Nothing from line {batch[0].Line} on was kept." : "")));
        }

        var results = await intake.TakeAsync(batch.Where(b => b.Unreadable is null).Select(b => b.Record).ToList(), caller.Actor, ct, caller.IsPartnerSystem, refreshNow);
        var next = 0;
        foreach (var (line, record, unreadable) in batch)
        {
            var (outcome, reason) = unreadable is not null
                ? (ContractOutcome.Rejected, unreadable)
                : results[next++] switch
                {
                    { Outcome: Records.RecordOutcome.Accepted } r => (ContractOutcome.Accepted, r.Reason),
                    { Outcome: Records.RecordOutcome.Duplicate } r => (ContractOutcome.Duplicate, r.Reason),
                    var r => (ContractOutcome.Rejected, r.Reason),
                };
            reply.Accepted += outcome == ContractOutcome.Accepted ? 1 : 0;
            reply.Duplicates += outcome == ContractOutcome.Duplicate ? 1 : 0;
            reply.Rejected += outcome == ContractOutcome.Rejected ? 1 : 0;
            // A reference longer than a record may have is not repeated: the reason says its limit and length.
            var reference = record.Reference is { Length: <= RecordIntake.MaxReferenceLength } held ? held : "";
            reply.Results.Add(new RecordResult { Line = line, Reference = reference, Outcome = outcome, Reason = reason ?? "" });
        }

        batch.Clear();
    }

    // Protobuf's Timestamp reaches far beyond the calendar .NET keeps (years 1 to 9999).
    private static bool IsReadable(Google.Protobuf.WellKnownTypes.Timestamp t) =>
        t.Seconds is >= -62_135_596_800 and <= 253_402_300_799 && t.Nanos is >= 0 and < 1_000_000_000;

    /// <summary>Why a submission cannot even be read as a record, before the checks every record gets.</summary>
    private static string? Unreadable(RecordSubmission s) =>
        s.OccurredAt is { } t && !IsReadable(t) ? "occurred_at is not a date between the years 1 and 9999." : null;

    private PartnerRecord ToRecord(RecordSubmission s, CallerInfo caller)
    {
        var occurredAt = s.OccurredAt is { } t && IsReadable(t) ? t.ToDateTimeOffset() : (DateTimeOffset?)null;
        return new PartnerRecord
        {
            // A partner system's records are its organisation's, a person's their own: the source is not the sender's to choose.
            Source = ThemeAccess.SourceOf(caller.User, s.Source),
            Reference = s.Reference,
            Category = s.Category,
            Month = s.Month.NullIfBlank() ?? (occurredAt is { } at ? RecordMonth.Of(at) : ""),
            OccurredAt = occurredAt,
            Location = s.Location.NullIfBlank(),
            LsoaCode = s.LsoaCode.NullIfBlank(),
            LsoaName = s.LsoaName.NullIfBlank(),
            Latitude = s.Latitude,
            Longitude = s.Longitude,
            Outcome = s.Outcome.NullIfBlank(),
            Attributes = s.Attributes.ToDictionary(a => a.Key, a => a.Value),
            ReceivedAt = clock.GetUtcNow(),
            ReceivedFrom = caller.Actor,
        };
    }
}
