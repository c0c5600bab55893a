using System.Globalization;
using System.Runtime.InteropServices;

namespace SafeCity.Cli.Bench;

/// <summary>One figure the bench measured, with its target where the issue sets one.</summary>
public sealed record Figure(string Measure, string Scale, string Value, string? Target = null, bool? Met = null, string Note = "");

public static class Measures
{
    /// <summary>Runs ./safecity with <paramref name="arguments"/> as a person would type it, timed from outside.</summary>
    public static async Task<(TimeSpan Took, int Exit, string Output, string Errors)> AsTypedAsync(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(SafeCity.LocalPlatform.LocalPlatformHost.FindRepositoryRoot(), "safecity"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("./safecity did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (clock.Elapsed, process.ExitCode, await output, await errors);
    }

    /// <summary>The value at the given percentile (0–100) of the samples, by nearest rank.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double percentile) =>
        Kernel.Percentiles.NearestRank(samples.Order().ToList(), percentile);

    /// <summary>
    /// Resident memory of processes and everything they started, in megabytes, from /proc: RabbitMQ's
    /// node is an Erlang VM its start script runs as a child.
    /// </summary>
    public static double ResidentMegabytes(IEnumerable<int> processIds) => WithDescendants(processIds).Sum(id =>
    {
        try
        {
            var line = File.ReadLines($"/proc/{id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    });

    /// <summary>The processes and all their descendants, each once.</summary>
    public static IReadOnlySet<int> WithDescendants(IEnumerable<int> processIds)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // Gone while being read.
                }
            }
        }

        var all = new HashSet<int>(processIds);
        for (var added = true; added;)
        {
            added = false;
            foreach (var (pid, parent) in parents)
            {
                added |= all.Contains(parent) && all.Add(pid);
            }
        }

        return all;
    }

    /// <summary>CPU seconds (user and system) a process has used so far, from /proc; 0 once it has gone.</summary>
    public static double CpuSeconds(int processId)
    {
        try
        {
            // Fields 14 and 15 of /proc/PID/stat, counted after the command name's closing parenthesis.
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The machine the figures were measured on.</summary>
    public static string Machine()
    {
        string Read(string file, string prefix) =>
            File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?" : "?";
        var memory = Read("/proc/meminfo", "MemTotal");
        var gib = double.TryParse(memory.Split(' ')[0], CultureInfo.InvariantCulture, out var kb) ? kb / 1024 / 1024 : double.NaN;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Read("/proc/cpuinfo", "model name")}, {Environment.ProcessorCount} cores, {gib:0.0} GiB; {RuntimeInformation.OSDescription}; .NET {Environment.Version}; SQLite stores, RabbitMQ {RabbitMqVersion()}");
    }

    private static string RabbitMqVersion()
    {
        var path = "/usr/lib/rabbitmq/lib";
        return Directory.Exists(path) ? Directory.GetDirectories(path, "rabbitmq_server-*").Select(Path.GetFileName).FirstOrDefault()?["rabbitmq_server-".Length..] ?? "?" : "?";
    }
}
