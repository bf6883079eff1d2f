using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// The one place a kept conversation is asked in, for the chat page, the chat hub and <c>rag ask --conversation</c>:
/// load its history, ask with it, record what came back, save. Callers render the events; they do not persist them.
/// </summary>
public sealed class ConversationService(ConversationStore store, IAnswerStream answers, IOptions<AssistantOptions> assistant, TimeProvider clock)
{
    /// <summary><paramref name="owner"/>'s conversation of that id; null when they have none (whoever else may).</summary>
    public Task<ChatTranscript?> FindAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default) =>
        store.FindAsync(owner, id, cancellationToken);

    public Task<IReadOnlyList<ConversationSummary>> ListAsync(ConversationOwner owner, CancellationToken cancellationToken = default) =>
        store.ListAsync(owner, cancellationToken);

    public Task<bool> DeleteAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(owner, id, cancellationToken);

    /// <summary>
    /// Streams the answer to <paramref name="question"/> with the conversation's history, and keeps the exchange once the
    /// stream ends — finished, or (with <see cref="ConversationQuestion.KeepUnfinished"/>) stopped or failed.
    /// </summary>
    public async IAsyncEnumerable<AnswerEvent> AskAsync(ConversationQuestion question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!ConversationStore.IsValidId(question.ConversationId))
        {
            throw new ArgumentException($"\"{question.ConversationId}\" is not a conversation id: use 1 to 64 letters, digits, '-' or '_'.", nameof(question));
        }
        var text = question.Question.Trim();
        var asked = clock.GetUtcNow();
        var transcript = await store.FindAsync(question.Owner, question.ConversationId, cancellationToken)
            ?? ChatTranscript.Start(question.ConversationId, question.Owner, text, asked);
        var history = transcript.ToConversation(assistant.Value.MaxHistoryTurns);
        var lastTurn = history.Turns.LastOrDefault();
        var answer = new AnswerAccumulator();
        var finished = false;

        var stream = answers.AskAsync(new AnswerRequest(text, history, question.Kind, question.From, question.To), cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
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
                var current = answer.Add(stream.Current);
                if (answer.IsFinished)
                {
                    // Done or error is the last event, but the orchestrator adds the turn to the history only when resumed
                    // after it: run it to its end now, so a reader that stops at done (REST, MCP) still keeps the exchange.
                    while (await stream.MoveNextAsync()) answer.Add(stream.Current);
                    finished = true;
                }
                yield return current;
            }
            finished = true;
        }
        finally
        {
            await stream.DisposeAsync();
            if (finished || question.KeepUnfinished)
            {
                // The orchestrator adds a turn to the history when an answer is finished; that turn is what follow-ups condense against.
                var turn = history.Turns.LastOrDefault() is { } latest && !ReferenceEquals(latest, lastTurn) ? latest : null;
                // Not the caller's token: a stopped answer is kept even though its token is cancelled.
                await store.AppendAsync(transcript, ChatExchange.From(text, asked, answer), turn, CancellationToken.None);
            }
        }
    }
}
