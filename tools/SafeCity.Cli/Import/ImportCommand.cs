using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.LocalPlatform;

namespace SafeCity.Cli.Import;

public static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[0] != "police-street")
        {
            Console.Error.WriteLine("Usage: safecity import police-street FILE [--area NAME] [--gateway http://localhost:8081] [--key-file .safecity/keys/operator.key]");
            return 2;
        }

        var file = args[1];
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"There is no file {file}.");
            return 2;
        }

        var area = CommandLine.Option(args, "--area");
        var port = Environment.GetEnvironmentVariable("SAFECITY_GRPC_PORT") is { Length: > 0 } p ? p : "8081";
        var gateway = CommandLine.Option(args, "--gateway") ?? $"http://localhost:{port}";
        var keyFile = CommandLine.Option(args, "--key-file") ?? PlatformKeys.OperatorKeyFile(
            Environment.GetEnvironmentVariable("SAFECITY_DATA_DIR") is { Length: > 0 } data ? data : Path.Combine(LocalPlatformHost.FindRepositoryRoot(), ".safecity"));
        if (!File.Exists(keyFile))
        {
            Console.Error.WriteLine($"There is no operator's key at {keyFile}: start the platform with ./safecity run on this machine, or give --key-file.");
            return 1;
        }

        // The import runs on the platform's own machine as its operator: the gateway checks the operator's tokens, each minutes long.
        using var http = SignedCalls.ToGateway((await File.ReadAllTextAsync(keyFile)).Trim());
        using var channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024, HttpClient = http });
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var size = Math.Max(1, reader.BaseStream.Length);
        Console.WriteLine($"Importing {Path.GetFileName(file)}{(area is null ? "" : $" (rows of {area} only)")} through {gateway}…");
        try
        {
            var progress = new ImportProgress(Console.Out, terminal: !Console.IsOutputRedirected);
            var summary = await new PoliceStreetImport(channel, Console.Out, progress).RunAsync(reader, area, CancellationToken.None, () => (double)reader.BaseStream.Position / size);
            PoliceStreetImport.Report(summary, area, Console.Out);
            return summary.RowsRead == 0 && summary.Rejected.Count > 0 ? 1 : 0;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            Console.Error.WriteLine($"The platform does not answer at {gateway}: start it with ./safecity run. ({e.Status.Detail})");
            return 1;
        }
    }
}
