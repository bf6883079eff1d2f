using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using RagAssistant.Contracts;
using RagAssistant.Web.Asking;
using RagAssistant.Web.Callers;

namespace RagAssistant.Web.Chat;

/// <summary>
/// <c>/hubs/chat</c>, for clients other than the page: <see cref="Ask"/> streams the same <see cref="AnswerEvent"/>s the
/// page renders. Cancelling the stream on the client cancels the answer here. Conversations are kept by the same
/// service as the page's, so a follow-up on the same id is condensed against what was asked before. Ids are the
/// caller's own (<see cref="Caller"/>): naming an id another owner uses starts or continues the caller's conversation of
/// that id, never theirs. Each <c>Ask</c> is checked and counted by <see cref="AskHubFilter"/> before it starts.
/// </summary>
public sealed class ChatHub(AskHandler handler) : Hub
{
    public const string Path = "/hubs/chat";

    public IAsyncEnumerable<AnswerEvent> Ask(string conversationId, string question, ChatAskOptions? options, CancellationToken cancellationToken) =>
        handler.AnswerAsync(RequestOf([conversationId, question, options]), Caller.Of(Context.GetHttpContext()!), cancellationToken);

    /// <summary>
    /// <see cref="Ask"/>'s arguments read as <c>/api/ask</c>'s body is, so the hub refuses what REST and MCP refuse, in the
    /// same words. The hub always asks within a conversation: a missing id is an invalid one, not a question on its own.
    /// </summary>
    internal static AskRequest RequestOf(IReadOnlyList<object?> arguments)
    {
        var options = arguments[2] as ChatAskOptions;
        return new AskRequest((string?)arguments[1] ?? "", options?.Kind, options?.From, options?.To, (string?)arguments[0] ?? "");
    }
}
