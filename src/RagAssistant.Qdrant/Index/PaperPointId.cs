using System.Security.Cryptography;
using System.Text;

namespace RagAssistant.Qdrant.Index;

/// <summary>
/// Point ids as RFC 4122 name-based UUIDs (version 5, SHA-1) of the paper id: the same paper always
/// lands on the same point, so re-indexing overwrites instead of duplicating.
/// </summary>
public static class PaperPointId
{
    /// <summary>RFC 4122's URL namespace; the name is a URN of the paper id.</summary>
    public static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    public static Guid For(string paperId) => NameBased(UrlNamespace, $"urn:rag-assistant:paper:{paperId}");

    public static Guid NameBased(Guid @namespace, string name)
    {
        var input = new byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        @namespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input.AsSpan(16));
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input.AsSpan(0, length), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
