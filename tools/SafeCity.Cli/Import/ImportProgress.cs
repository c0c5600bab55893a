using System.Globalization;

namespace SafeCity.Cli.Import;

/// <summary>
/// A long import's progress: rows so far, rows a second and the time left, rewritten in place on a
/// terminal (at most four times a second) and as a line every few seconds when the output is a file.
/// </summary>
public sealed class ImportProgress(TextWriter output, bool terminal, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly long _started = (clock ?? TimeProvider.System).GetTimestamp();
    private long _shown = long.MinValue;
    private bool _inPlace;

    /// <summary>How often a line is written when the output is not a terminal.</summary>
    public static TimeSpan FileInterval { get; } = TimeSpan.FromSeconds(5);

    public static TimeSpan TerminalInterval { get; } = TimeSpan.FromMilliseconds(250);

    /// <param name="rows">Rows read so far.</param>
    /// <param name="share">How much of the work is done, 0 to 1 (bytes read of the file's size); null when unknown.</param>
    public void Report(string phase, long rows, double? share)
    {
        var now = _clock.GetTimestamp();
        if (_shown != long.MinValue && _clock.GetElapsedTime(_shown, now) < (terminal ? TerminalInterval : FileInterval))
        {
            return;
        }

        _shown = now;
        var line = Line(phase, rows, share, _clock.GetElapsedTime(_started, now));
        if (terminal)
        {
            output.Write("\r" + line.PadRight(78));
            _inPlace = true;
        }
        else
        {
            output.WriteLine(line);
        }
    }

    /// <summary>Ends the line written in place, so that what follows starts on a line of its own.</summary>
    public void Done()
    {
        if (_inPlace)
        {
            output.WriteLine();
            _inPlace = false;
        }
    }

    public static string Line(string phase, long rows, double? share, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? rows / elapsed.TotalSeconds : 0;
        var left = share is > 0.001 and < 1 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - share.Value) / share.Value) : (TimeSpan?)null;
        return string.Create(CultureInfo.InvariantCulture,
            $"  {phase}: {rows:N0} rows{(share is { } s ? $" ({s * 100:0}%)" : "")}, {rate:N0} rows a second{(left is { } l ? $", about {Words(l)} left" : "")}");
    }

    private static string Words(TimeSpan left) =>
        left.TotalSeconds < 1 ? "a second" : left.TotalSeconds < 90 ? $"{left.TotalSeconds:0} s" : $"{left.TotalMinutes:0} min";
}
