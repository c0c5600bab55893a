using System.Text;
using Grpc.Core;
using Grpc.Net.Client;

namespace SafeCity.Cli.Partners;

/// <summary>safecity partner send FILE: try the partner exchange without writing code.</summary>
public static class PartnerCommand
{
    public const string Usage = "Usage: safecity partner send FILE --client-id ID [--client-secret SECRET | env SAFECITY_CLIENT_SECRET] [--gateway-http http://localhost:8080] [--gateway http://localhost:8081]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[0] != "send")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var file = args[1];
        var clientId = CommandLine.Option(args, "--client-id");
        var secret = CommandLine.Option(args, "--client-secret") ?? Environment.GetEnvironmentVariable("SAFECITY_CLIENT_SECRET");
        if (!File.Exists(file) || clientId is null || secret is null)
        {
            Console.Error.WriteLine(File.Exists(file) ? "Give the client id and secret your administrator issued." : $"There is no file {file}.");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var http = CommandLine.Option(args, "--gateway-http") ?? "http://localhost:" + Port("SAFECITY_HTTP_PORT", "8080");
        var grpc = CommandLine.Option(args, "--gateway") ?? "http://localhost:" + Port("SAFECITY_GRPC_PORT", "8081");
        using var httpClient = new HttpClient { BaseAddress = new Uri(http) };
        using var channel = GrpcChannel.ForAddress(grpc, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        var client = new PartnerClient(httpClient, channel);
        try
        {
            var session = await client.SignInAsync(clientId, secret, CancellationToken.None);
            Console.WriteLine($"Signed in as {session.Organisation}; sending {Path.GetFileName(file)} through {grpc}…");
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var summary = await client.SendAsync(session, reader, Console.WriteLine, CancellationToken.None);
            PartnerClient.Report(summary, Console.Out);
            return summary.ByTheme.Values.Any(r => r.Accepted + r.Duplicates > 0) || summary.NotSent.Count == 0 ? 0 : 1;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"The gateway does not answer at {http}: {e.Message}");
            return 1;
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"The platform refused the records: {e.Status.Detail} ({e.StatusCode})");
            return 1;
        }
    }

    private static string Port(string variable, string fallback) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } port ? port : fallback;
}
