using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace SafeCity.Cli.Import;

/// <summary>./safecity import population FILE --mid-year YYYY [--source TEXT]: an ONS estimate by district, all rows or none.</summary>
public static class PopulationImport
{
    public const string Path = "api/governance/most-similar-group/populations";

    public static async Task<int> RunAsync(HttpClient governance, string[] args, TextWriter output)
    {
        var file = args[1];
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"There is no file {file}.");
            return 2;
        }

        if (!int.TryParse(CommandLine.Option(args, "--mid-year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            Console.Error.WriteLine("Give the estimate's year: --mid-year 2021 for ONS's mid-2021 estimates.");
            return 2;
        }

        var text = await File.ReadAllTextAsync(file);
        using var reply = await governance.PostAsJsonAsync(Path, new { midYear = year, source = CommandLine.Option(args, "--source"), csv = text });
        var body = await reply.Content.ReadFromJsonAsync<JsonElement>();
        if (reply.IsSuccessStatusCode)
        {
            output.WriteLine($"Imported the mid-{year} estimate: {body.GetProperty("districts").GetInt32():N0} districts ({body.GetProperty("source").GetString()}).");
            return 0;
        }

        output.WriteLine($"Nothing was imported: governance refused the file ({(int)reply.StatusCode}).");
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var errors))
        {
            foreach (var field in errors.EnumerateObject())
            {
                foreach (var message in field.Value.EnumerateArray())
                {
                    output.WriteLine($"  {message.GetString()}");
                }
            }
        }

        return 1;
    }
}
