using System.Net;
using System.Net.Sockets;

namespace RagAssistant.Tests;

/// <summary>
/// HTTP from another loopback address than 127.0.0.1 — a second client, or a balancer — so that a test can be two
/// machines on one: Linux routes the whole of 127.0.0.0/8 to the loopback interface, and the server sees the address
/// the connection was bound to.
/// </summary>
internal static class LoopbackClient
{
    /// <summary>A handler whose connections leave from <paramref name="address"/> (e.g. 127.0.0.2).</summary>
    public static SocketsHttpHandler From(IPAddress address, bool allowAutoRedirect = true) => new()
    {
        AllowAutoRedirect = allowAutoRedirect,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(address, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
