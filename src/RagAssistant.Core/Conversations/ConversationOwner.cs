using System.Security.Cryptography;
using System.Text;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// Whose a kept conversation is: only its owner finds, lists, continues or deletes it; to anyone else it does not
/// exist. A signed-in <see cref="User"/>, else a browser's anonymous <see cref="Session"/>, else (REST, MCP and hub
/// callers without an identity) the client <see cref="Address"/>; <see cref="Local"/> is the operator's <c>rag ask</c>.
/// </summary>
public sealed record ConversationOwner
{
    private ConversationOwner(string key) => Key = key;

    /// <summary>The owner as stored in a conversation's first line: <c>user:…</c>, <c>session:…</c>, <c>address:…</c> or <c>local</c>.</summary>
    public string Key { get; }

    public static ConversationOwner User(string nameIdentifier) => new("user:" + nameIdentifier);

    public static ConversationOwner Session(string sessionId) => new("session:" + sessionId);

    public static ConversationOwner Address(string address) => new("address:" + address);

    /// <summary>
    /// The operator at the machine, who runs <c>rag ask --conversation</c> against the data directory. Conversations
    /// kept before owners were recorded (by the CLI or a hub client) are theirs too.
    /// </summary>
    public static ConversationOwner Local { get; } = new("local");

    public static ConversationOwner FromKey(string key) => new(key);

    /// <summary>The owner's folder under <c>conversations/</c>: a digest, because a user id may hold any character.</summary>
    public string FolderName => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..32];

    public override string ToString() => Key;
}
