using Grpc.Core;
using SafeCity.Contracts.Records;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Records;
using ContractOutcome = SafeCity.Contracts.Records.RecordOutcome;

namespace SafeCity.Kernel.Grpc;

/// <summary>Records streamed in by partner systems and the police data import, stored in batches.</summary>
public sealed class PartnerRecordsGrpcService(RecordIntake intake, ThemeAccess access, TimeProvider clock) : PartnerRecords.PartnerRecordsBase
{
    public const int BatchSize = 500;

    public override async Task<SubmissionResult> SubmitRecords(IAsyncStreamReader<RecordSubmission> requestStream, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        if (!access.CanEdit(user))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, ThemeAccess.RefusalMessage));
        }

        var reply = new SubmissionResult();
        var actor = ThemeAccess.ActorOf(user);
        var batch = new List<(long Line, PartnerRecord Record)>(BatchSize);
        await foreach (var submission in requestStream.ReadAllAsync(context.CancellationToken))
        {
            batch.Add((submission.Line, ToRecord(submission, actor)));
            if (batch.Count == BatchSize)
            {
                await TakeAsync(batch, actor, reply, context.CancellationToken);
            }
        }

        await TakeAsync(batch, actor, reply, context.CancellationToken);
        return reply;
    }

    private async Task TakeAsync(List<(long Line, PartnerRecord Record)> batch, string actor, SubmissionResult reply, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var results = await intake.TakeAsync(batch.Select(b => b.Record).ToList(), actor, ct);
        for (var i = 0; i < results.Count; i++)
        {
            var outcome = results[i].Outcome switch
            {
                Records.RecordOutcome.Accepted => ContractOutcome.Accepted,
                Records.RecordOutcome.Duplicate => ContractOutcome.Duplicate,
                _ => ContractOutcome.Rejected,
            };
            reply.Accepted += outcome == ContractOutcome.Accepted ? 1 : 0;
            reply.Duplicates += outcome == ContractOutcome.Duplicate ? 1 : 0;
            reply.Rejected += outcome == ContractOutcome.Rejected ? 1 : 0;
            reply.Results.Add(new RecordResult { Line = batch[i].Line, Reference = batch[i].Record.Reference, Outcome = outcome, Reason = results[i].Reason ?? "" });
        }

        batch.Clear();
    }

    private PartnerRecord ToRecord(RecordSubmission s, string actor) => new()
    {
        Source = s.Source,
        Reference = s.Reference,
        Category = s.Category,
        Month = s.Month,
        OccurredAt = s.OccurredAt?.ToDateTimeOffset(),
        Location = s.Location.NullIfBlank(),
        LsoaCode = s.LsoaCode.NullIfBlank(),
        LsoaName = s.LsoaName.NullIfBlank(),
        Latitude = s.Latitude,
        Longitude = s.Longitude,
        Outcome = s.Outcome.NullIfBlank(),
        Attributes = s.Attributes.ToDictionary(a => a.Key, a => a.Value),
        ReceivedAt = clock.GetUtcNow(),
        ReceivedFrom = actor,
    };
}
