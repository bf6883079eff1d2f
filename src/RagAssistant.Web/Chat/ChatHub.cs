using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Events;
using RagAssistant.Web.Api.Answers;

namespace RagAssistant.Web.Chat;

/// <summary>
/// <c>/hubs/chat</c>, for clients other than the page: <see cref="Ask"/> streams the same <see cref="AnswerEvent"/>s the
/// page renders. Cancelling the stream on the client cancels the answer here. Conversations are kept in the same
/// store as the page's, so a follow-up on the same id is condensed against what was asked before.
/// </summary>
public sealed class ChatHub(IAnswerStream answers, ConversationStore conversations, IOptions<AssistantOptions> assistant, TimeProvider clock) : Hub
{
    public const string Path = "/hubs/chat";

    public async IAsyncEnumerable<AnswerEvent> Ask(
        string conversationId, string question, ChatAskOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!ConversationStore.IsValidId(conversationId))
        {
            throw new HubException("conversationId must be 1 to 64 letters, digits, '-' or '_'.");
        }
        if (string.IsNullOrWhiteSpace(question)) throw new HubException("The question is empty.");
        // The same limit as /api/ask and the MCP tools, in the same words.
        if (question.Length > AskRequest.MaxQuestionLength) throw new HubException($"The question is longer than {AskRequest.MaxQuestionLength} characters.");
        if (options?.From is { } from && options.To is { } to && from > to) throw new HubException("from is after to.");

        var transcript = await conversations.FindAsync(conversationId, cancellationToken)
            ?? ChatTranscript.Start(conversationId, sessionId: null, question, clock.GetUtcNow());
        var conversation = transcript.ToConversation(assistant.Value.MaxHistoryTurns);
        var record = new ExchangeRecorder(question.Trim(), clock.GetUtcNow());
        var request = new AnswerRequest(question.Trim(), conversation, options?.Kind, options?.From, options?.To);

        await foreach (var answerEvent in answers.AskAsync(request, cancellationToken))
        {
            record.Add(answerEvent);
            yield return answerEvent;
        }
        // Only finished answers are kept: a cancelled one never reaches here, as the enumeration throws.
        await conversations.SaveAsync(transcript.With(record.ToExchange(), conversation, clock.GetUtcNow()), CancellationToken.None);
    }
}

/// <summary>
/// What a hub client may choose per question: <see cref="Kind"/> forces an answer or a literature summary (unset:
/// read from the wording), and the dates limit retrieval to papers dated within them.
/// </summary>
public sealed record ChatAskOptions(AnswerKind? Kind = null, DateOnly? From = null, DateOnly? To = null);
