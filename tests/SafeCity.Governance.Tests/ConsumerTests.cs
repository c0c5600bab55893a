using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using SafeCity.Governance.Consumers;
using SafeCity.Governance.Performance;
using SafeCity.Governance.ReadModel;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Testing;

namespace SafeCity.Governance.Tests;

/// <summary>The governance consumers with MassTransit's in-memory harness and the real SQLite read model.</summary>
public sealed class ConsumerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private ServiceProvider _provider = default!;
    private ITestHarness _harness = default!;
    private IPerformanceReadModel _model = default!;

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection()
            .AddSingleton<IndicatorUpdates>()
            .AddSingleton<EventTally>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IPerformanceReadModel>(new SqlitePerformanceReadModel(new SqliteDatabase(Path.Combine(_dir.Path, "governance.db"))))
            .AddMassTransitTestHarness(x =>
            {
                x.AddConsumer<MeasurementRecordedConsumer, MeasurementRecordedConsumerDefinition>();
                x.AddConsumer<ActionStatusChangedConsumer, ActionStatusChangedConsumerDefinition>();
                x.AddConsumer<ActionPlanPublishedConsumer, ActionPlanPublishedConsumerDefinition>();
            })
            .AddLogging()
            .BuildServiceProvider(true);
        _model = _provider.GetRequiredService<IPerformanceReadModel>();
        await _model.InitializeAsync(CancellationToken.None);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    [Fact]
    public async Task When_a_measurement_is_delivered_twice_the_second_changes_nothing()
    {
        var recorded = ReadModelContract.Measured(120, 1);

        await _harness.Bus.Publish(recorded);
        await _harness.Bus.Publish(recorded);

        var consumer = _harness.GetConsumerHarness<MeasurementRecordedConsumer>();
        Assert.True(await Eventually(() => consumer.Consumed.Select<Contracts.Events.MeasurementRecorded>().Count() == 2));
        var held = Assert.Single(await _model.GetMeasurementsAsync(CancellationToken.None));
        Assert.Equal((120.0, 1L), (held.Value, held.Revision));
        // Operators see both deliveries, and that the second was already held.
        var tally = _provider.GetRequiredService<EventTally>();
        Assert.Equal(new EventCount("MeasurementRecorded", 2, 1, 1), Assert.Single(tally.Snapshot()));
        // The lag is counted once, for the delivery that was applied.
        Assert.Equal(1, tally.LagSince(DateTimeOffset.MinValue).Measurements);
    }

    [Fact]
    public async Task When_an_action_change_arrives_out_of_order_the_newest_stays()
    {
        await _harness.Bus.Publish(ReadModelContract.Changed("Green", 3));
        await _harness.Bus.Publish(ReadModelContract.Changed("Red", 2));

        var consumer = _harness.GetConsumerHarness<ActionStatusChangedConsumer>();
        Assert.True(await Eventually(() => consumer.Consumed.Select<Contracts.Events.ActionStatusChanged>().Count() == 2));
        Assert.Equal("Green", Assert.Single(await _model.GetActionsAsync(CancellationToken.None)).Rag);
    }

    [Fact]
    public async Task A_consumer_whose_store_fails_twice_is_tried_again_and_the_measurement_is_kept()
    {
        // The read model refuses the first two writes, as a busy or restarting store would.
        var failing = FailingTwice.Around(_model);
        await using var provider = new ServiceCollection()
            .AddSingleton<IndicatorUpdates>()
            .AddSingleton<EventTally>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(failing)
            .AddMassTransitTestHarness(x => x.AddConsumer<MeasurementRecordedConsumer, MeasurementRecordedConsumerDefinition>())
            .AddLogging()
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(ReadModelContract.Measured(77, 1));

        Assert.True(await Eventually(() => ((FailingTwice)(object)failing).Calls >= 3), "The consumer was not tried again after its store failed.");
        Assert.True(await Eventually(() => _model.GetMeasurementsAsync(CancellationToken.None).Result.Any(m => m.Value == 77)));
        Assert.False(await harness.Published.Any<Fault<Contracts.Events.MeasurementRecorded>>(), "The message was faulted rather than retried.");
    }

    /// <summary>A read model whose first two writes of a measurement throw; everything else goes to the real one.</summary>
    public class FailingTwice : System.Reflection.DispatchProxy
    {
        private IPerformanceReadModel _inner = default!;
        private int _calls;

        public int Calls => _calls;

        public static IPerformanceReadModel Around(IPerformanceReadModel inner)
        {
            var proxy = Create<IPerformanceReadModel, FailingTwice>();
            ((FailingTwice)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IPerformanceReadModel.ApplyAsync) && args![0] is Contracts.Events.MeasurementRecorded && Interlocked.Increment(ref _calls) <= 2)
            {
                throw new IOException("The store is busy.");
            }

            return targetMethod.Invoke(_inner, args);
        }
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (condition())
            {
                return true;
            }
        }

        return condition();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

public sealed class EventLagTests
{
    [Fact]
    public void Lag_percentiles_are_taken_over_the_measurements_applied_since_the_moment_asked()
    {
        var tally = new EventTally();
        var start = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= 100; i++)
        {
            tally.Lag(start.AddSeconds(i), start.AddSeconds(i).AddMilliseconds(i));
        }

        var all = tally.LagSince(start);
        Assert.Equal(new EventLag(100, 50, 95, 99, 100), all);
        Assert.Equal(new EventLag(10, 95, 100, 100, 100), tally.LagSince(start.AddSeconds(91)));
        Assert.Equal(0, tally.LagSince(start.AddHours(1)).Measurements);
    }
}
