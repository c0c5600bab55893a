using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SafeCity.LocalPlatform;

namespace SafeCity.Cli.Mutate;

/// <summary>
/// ./safecity mutate: mutation testing of the security code, one defence at a time. Each mutant of
/// security-mutants.json removes or inverts a defence in the source, the projects that carry it are
/// built again, and the tests meant to pin it run: a failing test kills the mutant, a passing run lets it
/// survive. The source is put back after each, and everything touched is built again at the end. The
/// score and every mutant's fate are written into docs/security.md between its mutation markers.
/// Written here rather than taken from Stryker.NET: see docs/security.md, "Mutation testing".
/// </summary>
public static class MutateCommand
{
    private const string Begin = "<!-- mutants: written by ./safecity mutate -->";
    private const string End = "<!-- end of mutants -->";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = LocalPlatformHost.FindRepositoryRoot();
        var list = Path.Combine(root, "tools", "SafeCity.Cli", "Mutate", "security-mutants.json");
        var mutants = JsonSerializer.Deserialize<List<Mutant>>(await File.ReadAllTextAsync(list), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("security-mutants.json is empty.");
        if (CommandLine.Option(args, "--only") is { } only)
        {
            mutants = [.. mutants.Where(m => m.Defence.Contains(only, StringComparison.OrdinalIgnoreCase) || m.File.Contains(only, StringComparison.OrdinalIgnoreCase))];
        }

        var results = new List<(Mutant Mutant, string Fate, TimeSpan Took)>();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < mutants.Count && !stop.IsCancellationRequested; i++)
        {
            var mutant = mutants[i];
            var started = clock.Elapsed;
            Console.Write($"[{i + 1}/{mutants.Count}] {mutant.Defence} ... ");
            var fate = await TryAsync(root, mutant, stop.Token);
            touched.UnionWith(mutant.Build);
            results.Add((mutant, fate, clock.Elapsed - started));
            Console.WriteLine($"{fate} ({(clock.Elapsed - started).TotalSeconds:0} s)");
        }

        Console.WriteLine("Building again what the mutants touched, from the source as it is.");
        foreach (var project in touched)
        {
            await RunAsync(root, "dotnet", ["build", project, "-c", "Release", "-nologo", "-v:q"], TimeSpan.FromMinutes(10), CancellationToken.None);
        }

        var killed = results.Count(r => r.Fate == "killed");
        var survived = results.Count(r => r.Fate == "survived");
        var score = killed + survived == 0 ? 0 : 100.0 * killed / (killed + survived);
        Console.WriteLine($"{killed} killed, {survived} survived, {results.Count - killed - survived} did not build or apply: {score:0}% of mutants killed, in {clock.Elapsed.TotalMinutes:0} minutes.");
        if (!args.Contains("--no-docs") && CommandLine.Option(args, "--only") is null)
        {
            await WriteDocsAsync(Path.Combine(root, "docs", "security.md"), results, score, clock.Elapsed);
        }

        return survived == 0 ? 0 : 1;
    }

    private static async Task<string> TryAsync(string root, Mutant mutant, CancellationToken ct)
    {
        var file = Path.Combine(root, mutant.File);
        var original = await File.ReadAllTextAsync(file, ct);
        var at = original.IndexOf(mutant.Find, StringComparison.Ordinal);
        if (at < 0 || original.IndexOf(mutant.Find, at + 1, StringComparison.Ordinal) >= 0)
        {
            return "does not apply (its text is not in the file exactly once)";
        }

        try
        {
            await File.WriteAllTextAsync(file, original[..at] + mutant.Replace + original[(at + mutant.Find.Length)..], ct);
            foreach (var project in mutant.Build)
            {
                if (await RunAsync(root, "dotnet", ["build", project, "-c", "Release", "-nologo", "-v:q"], TimeSpan.FromMinutes(10), ct) != 0)
                {
                    return "did not build";
                }
            }

            var passed = await RunAsync(root, "dotnet", ["test", mutant.Test, "-c", "Release", "--no-build", "-nologo", "--filter", mutant.Filter], TimeSpan.FromMinutes(15), ct) == 0;
            return passed ? "survived" : "killed";
        }
        finally
        {
            await File.WriteAllTextAsync(file, original, CancellationToken.None);
        }
    }

    private static async Task<int> RunAsync(string root, string program, IEnumerable<string> arguments, TimeSpan patience, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(patience);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Too long, or stopped: the run and whatever it started (a test's platform) end with it.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return -1;
        }

        await Task.WhenAll(output, error);
        return process.ExitCode;
    }

    private static async Task WriteDocsAsync(string docs, List<(Mutant Mutant, string Fate, TimeSpan Took)> results, double score, TimeSpan took)
    {
        var table = new StringBuilder();
        table.Append(Begin).Append("\n\n");
        table.Append(CultureInfo.InvariantCulture, $"Last run: {results.Count(r => r.Fate == "killed")} of {results.Count(r => r.Fate is "killed" or "survived")} mutants killed ({score:0}%), in {took.TotalMinutes:0} minutes on this machine (2 cores). ");
        table.Append("Each line is one defence removed or inverted, the tests run against it, and what became of it.\n\n");
        table.Append("| defence removed or inverted | in | tests run | fate |\n| --- | --- | --- | --- |\n");
        foreach (var (mutant, fate, _) in results)
        {
            // A table cell's pipe is escaped, even in code (GitHub's tables split on it otherwise).
            table.Append(CultureInfo.InvariantCulture, $"| {mutant.Defence} | `{mutant.File}` | `{mutant.Filter.Replace("|", "\\|", StringComparison.Ordinal)}` | {fate} |\n");
        }

        table.Append('\n').Append(End);
        var text = await File.ReadAllTextAsync(docs);
        var from = text.IndexOf(Begin, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        text = from >= 0 && to > from ? text[..from] + table + text[(to + End.Length)..] : text.TrimEnd() + "\n\n" + table + "\n";
        await File.WriteAllTextAsync(docs, text);
    }
}
