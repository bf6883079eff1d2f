using Microsoft.Extensions.Logging.Abstractions;
using RagAssistant.Core.Conversations;

namespace RagAssistant.Redis.Tests.Conversations;

/// <summary>The contract on the default store: each "node" is another process over the same data directory.</summary>
public sealed class FileConversationStoreTests : ConversationStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rag-conversations-").FullName;

    protected override IConversationStore OpenNode() =>
        new FileConversationStore(_folder, new ConversationOptions(), TimeProvider.System, NullLogger<FileConversationStore>.Instance);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
