using System.Diagnostics;
using SafeCity.ServiceDefaults;

namespace SafeCity.LocalPlatform;

/// <summary>
/// A process this platform started, its output written to a log file, stopped by its own id:
/// SIGTERM first (a graceful stop), then SIGKILL of its whole tree if it does not go.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProcess(string name, Process process, StreamWriter log, string logFile)
    {
        Name = name;
        _process = process;
        _log = log;
        LogFile = logFile;
    }

    public string Name { get; }
    public string LogFile { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>How it ended (137 for SIGKILL), or null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string logFile, string? workingDirectory = null)
    {
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(OwnerOnly.OpenAppend(logFile)) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name} did not start ({fileName}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(name, process, log, logFile);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process outlived our interest in its output.
            }
        }
    }

    public string Tail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join(Environment.NewLine, reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Sends SIGKILL to the process tree: a crash, for the tests that need one.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        Signals.Terminate(_process.Id);
        using var wait = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}

internal static class Signals
{
    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public static void Terminate(int pid) => _ = kill(pid, SigTerm);
}
