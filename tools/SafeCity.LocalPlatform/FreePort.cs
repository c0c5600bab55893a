using System.Net;
using System.Net.Sockets;

namespace SafeCity.LocalPlatform;

public static class FreePort
{
    /// <summary>
    /// A loopback port nobody holds now. Another process could take it before ours binds it; the
    /// processes started here bind within a second, which has been enough on these machines.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
}
