using RagAssistant.Core.Conversations;
using StackExchange.Redis;

namespace RagAssistant.Redis.Conversations;

/// <summary>
/// Where a conversation lives in Redis, all under <c>Redis:KeyPrefix</c> and the owner's digest
/// (<see cref="ConversationOwner.FolderName"/>), so one owner's keys never name another's conversation:
/// <c>conversation:&lt;owner&gt;:&lt;id&gt;</c> is the list of its lines (<see cref="ConversationLines"/>),
/// <c>…:meta</c> a hash of its title, last update and question count, and <c>conversations:&lt;owner&gt;</c> a sorted
/// set of the owner's ids by last update, for listing most recent first.
/// </summary>
internal sealed record RedisConversationKeys(string Prefix)
{
    public RedisKey Lines(ConversationOwner owner, string id) => $"{Prefix}conversation:{owner.FolderName}:{id}";

    public RedisKey Meta(ConversationOwner owner, string id) => $"{Prefix}conversation:{owner.FolderName}:{id}:meta";

    public RedisKey Index(ConversationOwner owner) => $"{Prefix}conversations:{owner.FolderName}";
}
