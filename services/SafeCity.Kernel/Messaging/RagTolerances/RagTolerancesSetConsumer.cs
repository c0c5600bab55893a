using MassTransit;
using Microsoft.Extensions.Logging;
using SafeCity.Contracts.Events;

namespace SafeCity.Kernel.Messaging.RagTolerances;

/// <summary>Governance published new tolerances: the theme judges by them from now on.</summary>
public sealed class RagTolerancesSetConsumer(ThemeTolerances tolerances, ILogger<RagTolerancesSetConsumer> logger) : IConsumer<RagTolerancesSet>
{
    public async Task Consume(ConsumeContext<RagTolerancesSet> context)
    {
        var applied = await tolerances.ApplyAsync(context.Message, context.CancellationToken);
        logger.LogInformation("RAG tolerances set at {SetAt}: {Outcome}", context.Message.SetAt, applied ? "now judged by" : "already held");
    }
}
