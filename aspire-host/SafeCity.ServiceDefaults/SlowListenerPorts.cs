using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SafeCity.ServiceDefaults;

/// <summary>
/// Loopback ports for a process that binds them only seconds after it starts (RabbitMQ's node, its
/// distribution port and its port mapper). Such a port cannot be held until it is bound, and a port
/// from the kernel's ephemeral range, once released, may be given to any outgoing connection in the
/// meantime (RabbitMQ then stops with dist_port_already_used). So these are chosen below that range,
/// where the kernel hands nothing out by itself, and checked free by binding them once.
/// </summary>
public static class SlowListenerPorts
{
    private const int Lowest = 10000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        var below = EphemeralRangeStart();
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, below);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {below} after 1000 tries.");
    }

    /// <summary>The first port of the kernel's ephemeral range (Linux's default, 32768, where it cannot be read).</summary>
    public static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            var first = File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            var start = int.Parse(first, CultureInfo.InvariantCulture);
            return start > Lowest + 1000 ? start : 32768;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
