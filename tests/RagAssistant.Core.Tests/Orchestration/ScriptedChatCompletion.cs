using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// The one stand-in for a language model these tests use (no model can be run here): each call takes the next
/// scripted reply, streamed in the fragments given, and records the chat history it was sent.
/// </summary>
internal sealed class ScriptedChatCompletion(params string[][] replies) : IChatCompletionService
{
    private readonly Queue<string[]> _replies = new(replies);

    public List<ChatHistory> Received { get; } = [];

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();

    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        var reply = Next(chatHistory);
        return Task.FromResult<IReadOnlyList<ChatMessageContent>>([new ChatMessageContent(AuthorRole.Assistant, string.Concat(reply))]);
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var fragment in Next(chatHistory))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StreamingChatMessageContent(AuthorRole.Assistant, fragment);
        }
    }

    private string[] Next(ChatHistory chatHistory)
    {
        Received.Add(chatHistory);
        return _replies.TryDequeue(out var reply) ? reply : throw new InvalidOperationException("The script has no more replies.");
    }
}
