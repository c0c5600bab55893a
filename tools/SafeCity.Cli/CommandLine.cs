namespace SafeCity.Cli;

internal static class CommandLine
{
    /// <summary>The value after "--name" on the command line, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The platform's data folder: --data, else SAFECITY_DATA_DIR, else .safecity in the repository.</summary>
    public static string DataDirectory(string[] args) =>
        Path.GetFullPath(Option(args, "--data") ?? Environment.GetEnvironmentVariable("SAFECITY_DATA_DIR") ?? Path.Combine(SafeCity.LocalPlatform.LocalPlatformHost.FindRepositoryRoot(), ".safecity"));

    /// <summary>The arguments that are neither options ("--name") nor their values.</summary>
    public static IEnumerable<string> Positional(string[] args) =>
        args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal)));
}
