using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SafeCity.Contracts.Themes;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Features.RecordMeasurement;
using SafeCity.Kernel.Features.UpdateAction;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Performance;

namespace SafeCity.Kernel.Grpc;

/// <summary>
/// The theme's plans over gRPC, for partner systems and services: the same commands as the pages and HTTP API.
/// Each method is in its feature's folder (ReadPlans, UpdateAction, RecordMeasurement); here are the messages they share.
/// </summary>
public sealed partial class ActionPlansGrpcService(
    ThemeDefinition theme,
    ThemePerformance performance,
    UpdateActionHandler updateAction,
    RecordMeasurementHandler recordMeasurement) : ActionPlans.ActionPlansBase
{
    private static T Unwrap<T>(CommandResult<T> result) => result.Outcome switch
    {
        CommandOutcome.Done => result.Value!,
        CommandOutcome.NotFound => throw new RpcException(new Status(StatusCode.NotFound, result.Describe())),
        CommandOutcome.Conflict => throw new RpcException(new Status(StatusCode.Aborted, result.Describe())),
        _ => throw new RpcException(new Status(StatusCode.InvalidArgument,
            string.Join(" ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))),
    };

    private static ActionPlan ToMessage(PlanStatus status)
    {
        var p = status.Plan;
        var message = new ActionPlan
        {
            Number = p.Number,
            Priority = p.Priority,
            Objective = p.Objective ?? "",
            Title = p.Title,
            LeadPartner = p.LeadPartner ?? "",
            LeadManager = p.LeadManager ?? "",
            Rag = status.Rag.ToMessage(),
        };
        message.Aims.AddRange(p.Aims);
        message.Indicators.AddRange(status.Indicators.Select(i =>
        {
            var indicator = new PerformanceIndicator
            {
                Id = i.Indicator.Id,
                Code = i.Indicator.Code ?? i.Indicator.OtherCode ?? "",
                Name = i.Indicator.Name,
                Category = i.Indicator.Category,
                Unit = i.Indicator.Unit.ToString(),
                Polarity = i.Indicator.Polarity.ToString(),
                Frequency = i.Indicator.Frequency.ToString(),
                Baseline = new Baseline { AsWritten = i.Indicator.Baseline.AsWritten ?? "", Value = i.Indicator.Baseline.Value, Period = i.Indicator.Baseline.Period ?? "" },
                Latest = i.Latest is { } latest ? ToMessage(latest) : null,
                Rag = i.Assessment.Rag.ToMessage(),
                RagReason = i.Assessment.Reason,
            };
            indicator.Targets.AddRange(i.Indicator.Targets.Select(t => new YearTarget
            {
                Year = t.Year,
                AsWritten = t.AsWritten ?? "",
                Value = i.AnnualFigure(t),
                WithStretch = t.WithStretch,
                WithoutStretch = t.WithoutStretch,
                Source = t.Source?.Describe() ?? "",
            }));
            return indicator;
        }));
        message.Actions.AddRange(p.Actions.Select(a => ToMessage(a, status.On)));
        return message;
    }

    private static PlanAction ToMessage(Domain.PlanAction a, DateOnly on) => new()
    {
        Id = a.Id,
        PlanNumber = a.PlanNumber,
        Theme = a.Theme ?? "",
        Description = a.Description,
        Responsible = a.Responsible ?? "",
        Resources = a.Resources ?? "",
        Status = a.Status.ToMessage(),
        Rag = a.Rag.ToMessage(),
        Commentary = a.Commentary ?? "",
        Revision = a.Revision,
        UpdatedAt = a.UpdatedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        UpdatedBy = a.UpdatedBy ?? "",
        DueDate = a.Due?.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Overdue = a.IsOverdue(on),
    };

    private static Measurement ToMessage(Domain.Measurement m) => new()
    {
        IndicatorId = m.IndicatorId,
        Period = m.Period,
        Value = m.Value,
        Source = m.Source,
        Note = m.Note ?? "",
        RecordedAt = Timestamp.FromDateTimeOffset(m.RecordedAt),
        RecordedBy = m.RecordedBy ?? "",
        Revision = m.Revision,
    };
}
