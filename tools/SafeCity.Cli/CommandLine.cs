namespace SafeCity.Cli;

internal static class CommandLine
{
    /// <summary>The value after "--name" on the command line, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
