using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using SafeCity.LocalPlatform;

namespace SafeCity.Cli.Bench;

/// <summary>
/// ./safecity bench: starts a platform of its own on this machine and measures the police import
/// against a plain bulk insert (and a city's month as typed), gRPC streaming through the gateway against
/// straight to the service, event latency at 200 measurements a second, governance's pages and API,
/// the platform's start and memory — each at 1×, 10× and 100× the data, then writes the figures with
/// the machine to docs/performance.md. --quick measures at 1× and 10× only, with shorter runs;
/// --only import|msg|streaming|governance measures one part and writes a file only when given --out.
/// </summary>
public sealed class BenchCommand(LocalPlatformHost platform, string work, bool quick, string? only, TextWriter log)
{
    private readonly List<Figure> _figures = [];

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var only = CommandLine.Option(args, "--only");
        if (only is not null && only is not ("import" or "msg" or "streaming" or "governance"))
        {
            Console.Error.WriteLine($"--only takes import, msg, streaming or governance, not '{only}'.");
            return 2;
        }

        // Ctrl+C or SIGTERM stops the bench and the platform it started (nothing is written).
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        var root = LocalPlatformHost.FindRepositoryRoot();
        // A part alone does not replace the whole table in docs/performance.md.
        var output = CommandLine.Option(args, "--out") ?? (only is null ? Path.Combine(root, "docs", "performance.md") : null);
        var work = Directory.CreateTempSubdirectory("safecity-bench-").FullName;
        try
        {
            Console.WriteLine($"Benchmarking on {Measures.Machine()}");
            var clock = Stopwatch.StartNew();
            await using var platform = await LocalPlatformHost.StartAsync(new LocalPlatformOptions { DataDirectory = Path.Combine(work, "data"), RepositoryRoot = root });
            var ready = clock.Elapsed;
            var bench = new BenchCommand(platform, work, quick, only, Console.Out);
            bench.Add(new("Platform: start to ready (built)", "empty", $"{ready.TotalSeconds:0.0} s", "≤ 60 s", ready.TotalSeconds <= 60));
            bench.Add(new("Platform: resident memory", "just started", $"{Measures.ResidentMegabytes(platform.ProcessIds):N0} MB", "≤ 2,500 MB", Measures.ResidentMegabytes(platform.ProcessIds) <= 2500));
            try
            {
                await bench.MeasureAsync().WaitAsync(stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Console.WriteLine("Stopped: the platform is being stopped and nothing is written.");
                return 130;
            }

            var memory = Measures.ResidentMegabytes(platform.ProcessIds);
            bench.Add(new("Platform: resident memory", "after every benchmark", $"{memory:N0} MB", "≤ 2,500 MB", memory <= 2500));
            if (output is not null)
            {
                await File.WriteAllTextAsync(output, bench.Report(clock.Elapsed));
                Console.WriteLine($"Wrote {output} after {clock.Elapsed.TotalMinutes:0.0} minutes.");
            }
            else
            {
                Console.WriteLine($"Measured in {clock.Elapsed.TotalMinutes:0.0} minutes (not written: --only without --out).");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private void Add(Figure figure)
    {
        _figures.Add(figure);
        log.WriteLine($"  {figure.Measure} [{figure.Scale}]: {figure.Value}{(figure.Met is { } met ? met ? "  (target met)" : $"  (target {figure.Target} MISSED)" : "")}{(figure.Note.Length > 0 ? $" — {figure.Note}" : "")}");
    }

    private int[] Scales => quick ? [1, 10] : [1, 10, 100];

    public async Task MeasureAsync()
    {
        if (only is null or "import")
        {
            await new ImportBench(platform, work, quick, log, Add).MeasureAsync(Scales);
        }

        if (only is null or "msg")
        {
            await new NationalMonthBench(platform, work, log, Add).MeasureAsync();
        }

        if (only is null or "streaming")
        {
            await new StreamingBench(platform, Add).MeasureAsync(Scales);
        }

        if (only is null or "governance")
        {
            await new GovernanceBench(platform, quick, log, Add).MeasureAsync(Scales);
        }
    }

    private string Report(TimeSpan took)
    {
        var md = new StringBuilder();
        md.Append("# Performance\n\n");
        md.Append("Written by `./safecity bench` (").Append(quick ? "`--quick`, " : "").Append(CultureInfo.InvariantCulture, $"{took.TotalMinutes:0} minutes) on {DateTime.UtcNow:yyyy-MM-dd}.\n\n");
        md.Append("**Machine:** ").Append(Measures.Machine()).Append("\n\n");
        md.Append("| measure | scale | value | target | met | notes |\n| --- | --- | --- | --- | --- | --- |\n");
        foreach (var f in _figures)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {f.Measure} | {f.Scale} | {f.Value} | {f.Target ?? ""} | {(f.Met is { } met ? met ? "yes" : "**no**" : "")} | {f.Note} |\n");
        }

        md.Append("\nWhat the figures mean, why a target is missed and what was done about it: see `docs/performance-notes.md`.\n");
        return md.ToString();
    }
}
