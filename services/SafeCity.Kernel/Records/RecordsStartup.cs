using Microsoft.Extensions.Hosting;

namespace SafeCity.Kernel.Records;

/// <summary>Prepares the register and brings every computed indicator up to date with the records held.</summary>
public sealed class RecordsStartup(IRecordStore store, IndicatorCalculator calculator) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await calculator.RefreshAsync(await store.MonthsAsync(cancellationToken), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
