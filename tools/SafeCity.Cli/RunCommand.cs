using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using SafeCity.LocalPlatform;

namespace SafeCity.Cli;

/// <summary>./safecity run: the whole platform on this machine until Ctrl+C or SIGTERM.</summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = LocalPlatformHost.FindRepositoryRoot();
        var demo = args.Contains("--demo");
        // A demonstration runs in its own folder unless told otherwise, so that a real platform's data is never mixed with made-up figures.
        var data = demo && CommandLine.Option(args, "--data") is null && Environment.GetEnvironmentVariable("SAFECITY_DATA_DIR") is not { Length: > 0 }
            ? Path.Combine(root, ".safecity-demo")
            : CommandLine.DataDirectory(args);
        var marker = Path.Combine(data, SafeCity.ServiceDefaults.DemonstrationData.Marker);
        if (demo && !File.Exists(marker))
        {
            if (Directory.Exists(data) && Directory.EnumerateFiles(data, "*.db").Any())
            {
                Console.Error.WriteLine($"{data} holds a real platform's data: --demo fills only a new folder (the default is .safecity-demo).");
                return 1;
            }

            SafeCity.ServiceDefaults.OwnerOnly.CreateDirectory(data);
            await SafeCity.ServiceDefaults.OwnerOnly.WriteAllTextAsync(marker, "generating\n", CancellationToken.None);
        }

        var demonstration = File.Exists(marker);
        // Backups:IntervalHours, Backups:Folder and Backups:Keep, from the environment (Backups__IntervalHours=6), checked before anything starts.
        var (backupOptions, wrong) = ScheduledBackups.Read(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        if (wrong.Count > 0)
        {
            Console.Error.WriteLine("The platform did not start: " + string.Join(" ", wrong));
            return 1;
        }

        var settings = new Dictionary<string, string>
        {
            // The gateway says on /status when the last good backup was taken.
            ["Backups__Folder"] = backupOptions.FolderFor(data),
            ["Backups__IntervalHours"] = backupOptions.IntervalHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Backups__Keep"] = backupOptions.Keep.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (demonstration)
        {
            // Every service and the gateway label each page "demonstration data".
            settings["Platform__Demonstration"] = "true";
        }

        var httpPort = int.TryParse(Environment.GetEnvironmentVariable("SAFECITY_HTTP_PORT"), out var h) ? h : 8080;
        var grpcPort = int.TryParse(Environment.GetEnvironmentVariable("SAFECITY_GRPC_PORT"), out var g) ? g : 8081;

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

        var clock = Stopwatch.StartNew();
        LocalPlatformHost platform;
        try
        {
            platform = await LocalPlatformHost.StartAsync(
                new LocalPlatformOptions
                {
                    DataDirectory = data,
                    HttpPort = httpPort,
                    GrpcPort = grpcPort,
                    RepositoryRoot = root,
                    BrokerNodes = args.Contains("--broker-cluster") ? 3 : 1,
                    Settings = settings,
                },
                Console.WriteLine, stop.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException)
        {
            Console.Error.WriteLine($"The platform did not start: {e.Message}");
            return 1;
        }

        await using (platform)
        {
            if (demonstration && (await File.ReadAllTextAsync(marker)).Trim() != "filled")
            {
                try
                {
                    await SafeCity.Demonstration.DemonstrationYear.FillAsync(platform.GatewayHttp, platform.GatewayGrpc, platform.Keys.OperatorKeys, Console.Out, stop.Token);
                    await SafeCity.ServiceDefaults.OwnerOnly.WriteAllTextAsync(marker, "filled\n", CancellationToken.None);
                }
                catch (Exception e) when (e is HttpRequestException or Grpc.Core.RpcException or InvalidOperationException)
                {
                    Console.Error.WriteLine($"The demonstration year was not filled in whole: {e.Message}. Stop, delete {data} and start again with --demo.");
                }
            }

            Console.WriteLine($"""

                SafeCity is ready after {clock.Elapsed.TotalSeconds:0.0} s.
                  Governance (all priorities):  {platform.GatewayHttp}
                  Themes:                       {string.Join(Environment.NewLine + new string(' ', 32), PlatformService.Themes.Select(t => $"{platform.GatewayHttp}{t.Name}/"))}
                  Performance as JSON:          {platform.GatewayHttp}api/governance/performance
                  gRPC for partner systems:     {platform.GatewayGrpc} (HTTP/2)
                  Data and logs:                {platform.DataDirectory}
                  Backups:                      every {backupOptions.IntervalHours:0.##} h into {backupOptions.FolderFor(platform.DataDirectory)}, the last {backupOptions.Keep} kept
                Press Ctrl+C to stop.
                """);
            if (platform.OneTimeAdministratorPassword() is { } password)
            {
                Console.WriteLine($"""

                    First start: sign in at {platform.GatewayHttp}account/sign-in as "admin" with the one-time
                    password {password} — you will be asked for a new one. It is not shown again.
                    """);
            }
            // A service or the broker that stops on its own is started again, and the terminal says so.
            await using var supervisor = platform.Supervise(Console.WriteLine);
            await using var backups = new ScheduledBackups(platform.DataDirectory, backupOptions, Console.WriteLine).Start();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopping…");
            }
        }

        return 0;
    }
}
