using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// The one place a question is asked, for the chat page, the chat hub, REST, MCP and <c>rag ask</c>: on its own, or
/// within a kept conversation — load its history, mark the question pending, ask with the history, record what came
/// back. Callers render the events; they do not persist them.
/// </summary>
public sealed class ConversationService(
    IConversationStore store, IAnswerStream answers, IOptions<AssistantOptions> assistant, TimeProvider clock, ILogger<ConversationService>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ConversationService>.Instance;

    /// <summary><paramref name="owner"/>'s conversation of that id; null when they have none (whoever else may).</summary>
    public Task<ChatTranscript?> FindAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default) =>
        store.FindAsync(owner, id, cancellationToken);

    public Task<IReadOnlyList<ConversationSummary>> ListAsync(ConversationOwner owner, CancellationToken cancellationToken = default) =>
        store.ListAsync(owner, cancellationToken);

    public Task<bool> DeleteAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(owner, id, cancellationToken);

    /// <summary>
    /// Streams the answer to <paramref name="question"/>. Asked alone (no conversation id) it is the answer itself. Within a
    /// conversation it is asked with the conversation's history, and the exchange is kept once the stream ends — finished,
    /// or (with <see cref="ConversationQuestion.KeepUnfinished"/>) stopped or failed; when the store cannot be reached the
    /// answer is one <see cref="ErrorEvent"/> saying so (a service is unreachable).
    /// </summary>
    public IAsyncEnumerable<AnswerEvent> AskAsync(ConversationQuestion question, CancellationToken cancellationToken = default) =>
        question.ConversationId is null
            ? answers.AskAsync(new AnswerRequest(question.Question.Trim(), null, question.Kind, question.From, question.To), cancellationToken)
            : AskWithinAsync(question, question.ConversationId, cancellationToken);

    private async IAsyncEnumerable<AnswerEvent> AskWithinAsync(
        ConversationQuestion question, string conversationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!ConversationIds.IsValid(conversationId))
        {
            throw new ArgumentException($"\"{conversationId}\" is not a conversation id: use 1 to 64 letters, digits, '-' or '_'.", nameof(question));
        }
        var text = question.Question.Trim();
        var pending = new PendingQuestion(text, clock.GetUtcNow(), question.Kind);
        var (transcript, unavailable) = await BeginAsync(question.Owner, conversationId, pending, cancellationToken);
        if (transcript is null)
        {
            yield return new ErrorEvent(unavailable!, ServiceUnreachable: true);
            yield break;
        }
        var history = transcript.RecentTurns(assistant.Value.MaxHistoryTurns);
        var answer = new AnswerAccumulator();
        var stream = answers.AskAsync(new AnswerRequest(text, history, question.Kind, question.From, question.To), cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (!answer.IsFinished)
            {
                try
                {
                    if (!await stream.MoveNextAsync()) break;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    answer.Fail("The answer could not be completed: " + exception.Message);
                    throw;
                }
                yield return answer.Add(stream.Current);
            }
        }
        finally
        {
            await stream.DisposeAsync();
            // Finished (done or error) it is kept; stopped by its reader, only when the question asks for that.
            var exchange = answer.IsFinished || question.KeepUnfinished ? ChatExchange.From(text, pending.AskedAt, answer) : null;
            await SettleAsync(transcript, pending, exchange, ConversationTurn.Of(text, answer));
        }
    }

    /// <summary>The conversation with the question marked pending in it, or why the store could not be reached.</summary>
    private async Task<(ChatTranscript? Transcript, string? Unavailable)> BeginAsync(
        ConversationOwner owner, string conversationId, PendingQuestion pending, CancellationToken cancellationToken)
    {
        try
        {
            var transcript = await store.FindAsync(owner, conversationId, cancellationToken)
                ?? ChatTranscript.Start(conversationId, owner, pending.Question, pending.AskedAt);
            await store.BeginAsync(transcript, pending, cancellationToken);
            return (transcript, null);
        }
        catch (ConversationStoreUnavailableException exception)
        {
            return (null, exception.Message);
        }
    }

    /// <summary>Keeps the exchange (null: withdraws the question). Not the caller's token: a stopped answer is kept even though its token is cancelled.</summary>
    private async Task SettleAsync(ChatTranscript transcript, PendingQuestion pending, ChatExchange? exchange, ConversationTurn? turn)
    {
        try
        {
            if (exchange is null) await store.WithdrawAsync(transcript, pending, CancellationToken.None);
            else await store.AppendAsync(transcript, exchange, turn, CancellationToken.None);
        }
        catch (ConversationStoreUnavailableException exception)
        {
            // The answer reached its reader already; only keeping it failed, and /health says why. Its pending mark stays,
            // so the conversation shows it as interrupted once the store is back.
            _logger.LogError("The exchange in conversation {Id} could not be kept: {Message}", transcript.Id, exception.Message);
        }
    }
}
