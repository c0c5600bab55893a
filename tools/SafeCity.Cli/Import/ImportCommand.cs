using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.LocalPlatform;
using SafeCity.RecordFiles.PoliceData;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Cli.Import;

/// <summary>
/// ./safecity import police-street PATH: a file, a folder of a month's force files, or data.police.uk's
/// zip. Every file named as published is counted by district for the Most Similar Group; the rows of
/// the partnership's own area go to the themes. ./safecity import population FILE --mid-year YYYY.
/// </summary>
public static class ImportCommand
{
    public const string Usage =
        "Usage: safecity import police-street FILE|FOLDER|ZIP [--area NAME] [--gateway http://localhost:8081] [--gateway-http http://localhost:8080] [--key-file .safecity/keys/operator.key]\n" +
        "       safecity import population FILE --mid-year YYYY [--source TEXT] [--gateway-http http://localhost:8080]";

    /// <summary>The partnership's own district: a national month's rows of it, and of no other, go to the themes.</summary>
    public const string HomeArea = "Southampton";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[0] is not ("police-street" or "population"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var keyFile = CommandLine.Option(args, "--key-file") ?? PlatformKeys.OperatorKeyFile(
            Environment.GetEnvironmentVariable("SAFECITY_DATA_DIR") is { Length: > 0 } data ? data : Path.Combine(LocalPlatformHost.FindRepositoryRoot(), ".safecity"));
        var httpPort = Environment.GetEnvironmentVariable("SAFECITY_HTTP_PORT") is { Length: > 0 } h ? h : "8080";
        var gatewayHttp = new Uri((CommandLine.Option(args, "--gateway-http") ?? $"http://localhost:{httpPort}").TrimEnd('/') + "/");
        if (!File.Exists(keyFile))
        {
            Console.Error.WriteLine($"There is no operator's key at {keyFile}: start the platform with ./safecity run on this machine, or give --key-file.");
            return 1;
        }

        // The import runs on the platform's own machine as its operator: the gateway checks the operator's tokens, each minutes long.
        var keys = (await File.ReadAllTextAsync(keyFile)).Trim();
        try
        {
            if (args[0] == "population")
            {
                using var http = SignedCalls.ToGateway(keys);
                http.BaseAddress = gatewayHttp;
                return await PopulationImport.RunAsync(http, args, Console.Out);
            }

            var grpcPort = Environment.GetEnvironmentVariable("SAFECITY_GRPC_PORT") is { Length: > 0 } p ? p : "8081";
            var gateway = CommandLine.Option(args, "--gateway") ?? $"http://localhost:{grpcPort}";
            using var calls = SignedCalls.ToGateway(keys);
            using var channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024, HttpClient = calls });
            using var governance = SignedCalls.ToGateway(keys);
            governance.BaseAddress = gatewayHttp;
            return await ImportPoliceStreetAsync(args[1], CommandLine.Option(args, "--area"), channel, governance, Console.Out);
        }
        catch (Exception e) when (e is HttpRequestException or RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded })
        {
            Console.Error.WriteLine($"The platform does not answer at {gatewayHttp}: start it with ./safecity run. ({e.Message})");
            return 1;
        }
    }

    public static async Task<int> ImportPoliceStreetAsync(string path, string? area, GrpcChannel themes, HttpClient governance, TextWriter output)
    {
        var (files, problem) = PoliceStreetFiles.Find(path);
        if (problem is not null)
        {
            Console.Error.WriteLine(problem);
            return 2;
        }

        // A national month brings every area's rows: only the partnership's own go to the themes.
        var national = Directory.Exists(path) || path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        area ??= national ? HomeArea : null;
        if (area is not null && ReferenceData.FindDistrict(area) is null)
        {
            Console.Error.WriteLine("--area must be a district of England or Wales by its name or code, as the ONS lookup gives it (for example Southampton or E06000045).");
            return 2;
        }

        var counted = await new MostSimilarGroupCounting(governance, output).RunAsync(files, CancellationToken.None);
        var failed = counted.Failed;
        var toThemes = files.Where(f => !f.IsNamedAsPublished || area is null || counted.HasRowsIn(f, area)).ToList();
        if (area is not null && national)
        {
            output.WriteLine($"Rows of {area} go to the themes, from {toThemes.Count} of {files.Count} files (--area chooses another district); the other areas' rows are counted only.");
        }

        foreach (var file in toThemes)
        {
            await using var stream = file.Open();
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var size = Math.Max(1, file.Length);
            output.WriteLine($"Importing {file.Name}{(area is null ? "" : $" (rows of {area} only)")}…");
            var progress = new ImportProgress(output, terminal: !Console.IsOutputRedirected && output == Console.Out);
            var summary = await new PoliceStreetImport(themes, output, progress).RunAsync(reader, area, CancellationToken.None, () => stream.CanSeek ? (double)stream.Position / size : null);
            PoliceStreetImport.Report(summary, area, output);
            failed |= summary.RowsRead == 0 && summary.Rejected.Count > 0;
        }

        await counted.ReportFamilyAsync(CancellationToken.None);
        return failed ? 1 : 0;
    }
}
