using SafeCity.Cli.Import;

namespace SafeCity.Integration.Tests;

/// <summary>A long import says how far it has got: rows, rows a second and the time left.</summary>
public sealed class ImportProgressTests
{
    private sealed class SteppedClock : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;
    }

    [Fact]
    public void A_progress_line_gives_rows_rows_a_second_and_the_time_left()
    {
        Assert.Equal("  reading: 5,000 rows (25%), 2,500 rows a second, about 6 s left", ImportProgress.Line("reading", 5000, 0.25, TimeSpan.FromSeconds(2)));
        Assert.Equal("  sending: 600,000 rows (10%), 1,000 rows a second, about 90 min left", ImportProgress.Line("sending", 600_000, 0.10, TimeSpan.FromMinutes(10)));
        Assert.Equal("  reading: 10 rows, 10 rows a second", ImportProgress.Line("reading", 10, null, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Into_a_file_a_line_is_written_every_few_seconds_and_on_a_terminal_one_line_is_rewritten_in_place()
    {
        var clock = new SteppedClock();
        var file = new StringWriter();
        var toFile = new ImportProgress(file, terminal: false, clock);
        for (var second = 0; second <= 12; second++)
        {
            clock.Ticks = TimeSpan.FromSeconds(second).Ticks;
            toFile.Report("reading", second * 1000L, second / 12.0);
        }

        toFile.Done();
        // At 0, 5 and 10 s: one line each, none rewritten.
        var lines = file.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("10,000 rows (83%), 1,000 rows a second, about 2 s left", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', file.ToString());

        clock.Ticks = 0;
        var terminal = new StringWriter();
        var onTerminal = new ImportProgress(terminal, terminal: true, clock);
        onTerminal.Report("reading", 1, 0.5);
        clock.Ticks = TimeSpan.FromMilliseconds(100).Ticks;
        onTerminal.Report("reading", 2, 0.6); // too soon: not shown
        clock.Ticks = TimeSpan.FromMilliseconds(300).Ticks;
        onTerminal.Report("reading", 3, 0.7);
        onTerminal.Done();
        Assert.Equal(2, terminal.ToString().Count(c => c == '\r'));
        Assert.EndsWith(Environment.NewLine, terminal.ToString(), StringComparison.Ordinal);
    }
}
