using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Web.Api.Answers;
using RagAssistant.Web.Callers;

namespace RagAssistant.Web.Chat;

/// <summary>
/// <c>/hubs/chat</c>, for clients other than the page: <see cref="Ask"/> streams the same <see cref="AnswerEvent"/>s the
/// page renders. Cancelling the stream on the client cancels the answer here. Conversations are kept by the same
/// service as the page's, so a follow-up on the same id is condensed against what was asked before. Ids are the
/// caller's own (<see cref="Caller"/>): naming an id another owner uses starts or continues the caller's conversation of
/// that id, never theirs. Each <c>Ask</c> counts against the caller's question limit (<see cref="Limits.QuestionLimitHubFilter"/>).
/// </summary>
public sealed class ChatHub(ConversationService conversations) : Hub
{
    public const string Path = "/hubs/chat";

    public async IAsyncEnumerable<AnswerEvent> Ask(
        string conversationId, string question, ChatAskOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!ConversationIds.IsValid(conversationId))
        {
            throw new HubException("conversationId must be 1 to 64 letters, digits, '-' or '_'.");
        }
        // Read as /api/ask's body is, so the hub refuses what REST and MCP refuse, in the same words.
        var request = new AskRequest(question, options?.Kind, options?.From, options?.To, conversationId);
        if (request.Validate() is { Count: > 0 } errors) throw new HubException(AskRequest.Describe(errors));

        // Only finished answers are kept: a cancelled one is not recorded as if it had been given.
        var ask = request.ToConversationQuestion(Caller.Of(Context.GetHttpContext()!).Owner);
        await foreach (var answerEvent in conversations.AskAsync(ask, cancellationToken)) yield return answerEvent;
    }
}

/// <summary>
/// What a hub client may choose per question: <see cref="Kind"/> forces an answer or a literature summary (unset:
/// read from the wording), and the dates limit retrieval to papers dated within them.
/// </summary>
public sealed record ChatAskOptions(AnswerKind? Kind = null, DateOnly? From = null, DateOnly? To = null);
