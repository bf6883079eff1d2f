using System.Net;
using System.Net.Sockets;

namespace RagAssistant.ScaleOut.Tests.Topology;

/// <summary>A base port for scripts/scale.sh whose every port is free right now (the script lays its ports out from it).</summary>
internal static class PortBlock
{
    /// <summary>The offsets from the base port that scale.sh uses for one Qdrant node and <paramref name="nodes"/> app nodes.</summary>
    public static IEnumerable<int> Offsets(int nodes) => [0, .. Enumerable.Range(1, nodes), 20, 30, 31, 32];

    public static int FindFree(int nodes)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var basePort = Random.Shared.Next(20_000, 60_000);
            if (Offsets(nodes).All(offset => IsFree(basePort + offset))) return basePort;
        }
        throw new InvalidOperationException("No block of free loopback ports found for scripts/scale.sh.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
