using System.Security.Claims;
using Grpc.Core;
using SafeCity.Contracts.Governance;
using SafeCity.Contracts.Identity;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Grpc;

namespace SafeCity.Governance.Performance;

/// <summary>
/// Partner systems read back the indicators their data feeds: those computed from a category of
/// records their organisation shares (its signed identity lists them), now and as they change.
/// </summary>
public sealed class PartnerPerformanceGrpcService(PartnershipPerformance performance, IndicatorUpdates updates) : Contracts.Governance.PartnerPerformance.PartnerPerformanceBase
{
    public override async Task<SharedIndicators> GetSharedIndicators(SharedIndicatorsRequest request, ServerCallContext context)
    {
        var (organisation, shares) = Partner(context);
        var reply = new SharedIndicators { Organisation = organisation };
        reply.Indicators.AddRange((await FedByAsync(shares, context.CancellationToken)).Select(i => Message(i, shares)));
        return reply;
    }

    public override async Task WatchSharedIndicators(SharedIndicatorsRequest request, IServerStreamWriter<SharedIndicatorUpdate> responseStream, ServerCallContext context)
    {
        var (_, shares) = Partner(context);
        var ct = context.CancellationToken;
        // The call is accepted: say so now, not at the first figure, which may be a long time coming.
        await context.WriteResponseHeadersAsync([]);
        // Subscribe before reading the current figures, so that nothing recorded in between is missed.
        using var subscription = updates.Watch();
        var watched = new HashSet<(string, string)>();
        foreach (var indicator in await FedByAsync(shares, ct))
        {
            watched.Add((indicator.Theme, indicator.Id));
            await responseStream.WriteAsync(new SharedIndicatorUpdate { Indicator = Message(indicator, shares) }, ct);
        }

        await foreach (var (theme, id) in subscription.Reader.ReadAllAsync(ct))
        {
            if (!watched.Contains((theme, id)))
            {
                continue;
            }

            if ((await FedByAsync(shares, ct)).FirstOrDefault(i => i.Theme == theme && i.Id == id) is { } now)
            {
                await responseStream.WriteAsync(new SharedIndicatorUpdate { Indicator = Message(now, shares) }, ct);
            }
        }
    }

    private async Task<IReadOnlyList<IndicatorPerformance>> FedByAsync(IReadOnlySet<string> shares, CancellationToken ct) =>
        (await performance.GetAsync(ct)).Indicators.Where(i => i.ComputedFrom.Any(shares.Contains)).ToList();

    private static (string Organisation, IReadOnlySet<string> Shares) Partner(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        if (!ThemeAccess.IsPartnerSystem(user))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only a partner system signed in as its organisation reads back its shared indicators."));
        }

        return (user.FindFirstValue(PlatformRoles.DisplayNameClaim) ?? user.Identity!.Name!, ThemeAccess.SharesOf(user));
    }

    private static SharedIndicator Message(IndicatorPerformance i, IReadOnlySet<string> shares)
    {
        var message = new SharedIndicator
        {
            Theme = i.Theme,
            Id = i.Id,
            Code = i.Code ?? "",
            Name = i.Name,
            LatestValue = i.LatestValue,
            LatestPeriod = i.LatestPeriod ?? "",
            YearToDate = i.Assessment.Actual?.Value,
            ExpectedToDate = i.Assessment.ExpectedToDate,
            Rag = i.Rag.ToMessage(),
            Reason = i.Reason,
        };
        message.ComputedFrom.AddRange(i.ComputedFrom.Where(shares.Contains));
        return message;
    }
}
