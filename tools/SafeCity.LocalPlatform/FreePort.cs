using System.Net;
using System.Net.Sockets;

namespace SafeCity.LocalPlatform;

/// <summary>
/// Loopback ports for the processes started here. A port is chosen by binding port 0; it is then held
/// (the socket stays bound) until just before the process that will use it starts, so no other
/// process can take it in between, and no port is handed out twice by this process.
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>A port held until the reservation is disposed: dispose it right before the process that binds it starts.</summary>
    public static Reservation Reserve()
    {
        lock (Gate)
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port))
                {
                    return new Reservation(port, listener);
                }

                listener.Stop();
            }
        }
    }

    public static async Task<bool> AcceptsAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public sealed class Reservation(int port, TcpListener listener) : IDisposable
    {
        public int Port { get; } = port;

        public void Dispose() => listener.Stop();
    }
}
