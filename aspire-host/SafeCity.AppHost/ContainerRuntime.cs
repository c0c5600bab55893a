using System.Diagnostics;

namespace SafeCity.AppHost;

/// <summary>
/// Whether a container engine answers here. Aspire hangs at start when a container resource is
/// declared and the engine does not answer, so the AppHost asks first and declares containers only then.
/// </summary>
public static class ContainerRuntime
{
    public static bool Answers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null)
            {
                return false;
            }

            if (!docker.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                docker.Kill();
                return false;
            }

            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
