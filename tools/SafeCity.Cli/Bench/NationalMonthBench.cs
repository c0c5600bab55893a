using System.IO.Compression;
using System.Text.RegularExpressions;
using SafeCity.LocalPlatform;

namespace SafeCity.Cli.Bench;

/// <summary>
/// The Most Similar Group's import as a person types it: the shared month of eleven forces
/// (../shared/data/police/2024-01, real), and a whole national month of about 450,000 rows in 44 files,
/// made of the shared files four times over under other force names, as a folder and as its zip.
/// </summary>
public sealed partial class NationalMonthBench(LocalPlatformHost platform, string work, TextWriter log, Action<Figure> add)
{
    public const double SharedMonthTarget = 2;
    public const double NationalMonthTarget = 5;

    public async Task MeasureAsync()
    {
        var shared = SharedMonth();
        if (shared is null)
        {
            add(new Figure("Most Similar Group: a national month counted, as typed", "—", "not measured", Note: "../shared/data/police/2024-01 is not beside this checkout."));
            return;
        }

        var (took, counted) = await ImportAsTypedAsync(shared);
        add(new("Most Similar Group: the shared month counted, as typed", "11 files, 112,131 rows", $"{took.TotalSeconds:0.0} s", $"< {SharedMonthTarget:0} s", took.TotalSeconds < SharedMonthTarget,
            $"the whole command from outside (start, counting, sending each force's counts to governance, the family's summary); counting alone, as the command reports it: {counted}"));

        var national = Directory.CreateDirectory(Path.Combine(work, "national", "2024-01")).FullName;
        var rows = 0L;
        foreach (var copy in Enumerable.Range(1, 4))
        {
            foreach (var file in Directory.GetFiles(shared, "*-street.csv"))
            {
                var name = Path.GetFileName(file).Replace("-street.csv", copy == 1 ? "-street.csv" : $"-{copy}-street.csv", StringComparison.Ordinal);
                File.Copy(file, Path.Combine(national, name));
                rows += File.ReadLines(file).LongCount() - 1;
            }
        }

        (took, counted) = await ImportAsTypedAsync(national);
        add(new("Most Similar Group: a national month counted, as typed", $"44 files, {rows:N0} rows (folder)", $"{took.TotalSeconds:0.0} s", $"< {NationalMonthTarget:0} s", took.TotalSeconds < NationalMonthTarget,
            $"counting alone: {counted}"));

        var zip = Path.Combine(work, "2024-01-national.zip");
        ZipFile.CreateFromDirectory(Path.GetDirectoryName(national)!, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
        (took, counted) = await ImportAsTypedAsync(zip);
        add(new("Most Similar Group: a national month counted, as typed", $"44 files, {rows:N0} rows (zip, {new FileInfo(zip).Length / 1024 / 1024:N0} MB)", $"{took.TotalSeconds:0.0} s",
            $"< {NationalMonthTarget:0} s", took.TotalSeconds < NationalMonthTarget, $"counting alone: {counted}"));
    }

    private static string? SharedMonth()
    {
        for (var dir = new DirectoryInfo(LocalPlatformHost.FindRepositoryRoot()); dir is not null; dir = dir.Parent)
        {
            var month = Path.Combine(dir.FullName, "shared", "data", "police", "2024-01");
            if (Directory.Exists(month))
            {
                return month;
            }
        }

        return null;
    }

    /// <summary>./safecity import police-street PATH, with an area no row lies in (the City of London), timed from outside.</summary>
    private async Task<(TimeSpan Took, string Counted)> ImportAsTypedAsync(string path)
    {
        log.WriteLine($"Importing {path} as typed…");
        var (took, exit, text, errors) = await Measures.AsTypedAsync(work,
        [
            "import", "police-street", path, "--area", "City of London", "--gateway", platform.GatewayGrpc.ToString().TrimEnd('/'),
            "--gateway-http", platform.GatewayHttp.ToString().TrimEnd('/'), "--key-file", PlatformKeys.OperatorKeyFile(platform.DataDirectory),
        ]);
        var counted = CountedLine().Match(text);
        if (exit != 0 || !counted.Success)
        {
            throw new InvalidOperationException($"The national import did not count its files (exit {exit}): {text}{errors}");
        }

        return (took, counted.Groups["seconds"].Value + " s");
    }

    [GeneratedRegex(@"Counted [0-9,]+ rows of [0-9]+ files for the Most Similar Group in (?<seconds>[0-9.]+) s")]
    private static partial Regex CountedLine();
}
