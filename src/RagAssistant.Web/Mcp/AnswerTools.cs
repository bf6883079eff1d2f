using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using RagAssistant.Contracts;
using RagAssistant.Web.Asking;
using RagAssistant.Web.Callers;

namespace RagAssistant.Web.Mcp;

/// <summary>
/// The MCP tools that write cited answers. Each returns the object of <c>POST /api/ask</c>: the answer text with
/// <c>[n]</c> markers, the cited papers (n, paper_id, title, verified, verdict) and every numbered source. Like REST, each call
/// goes through <see cref="AskHandler"/> (the same refusals, the caller's question limit), and <c>ask</c> may continue one of the caller's conversations.
/// </summary>
[McpServerToolType]
public sealed class AnswerTools(AskHandler handler, IHttpContextAccessor http)
{
    [McpServerTool(Name = "ask", Title = "Ask the papers", ReadOnly = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Answers a question from the indexed research papers only, citing them as [n]. " +
                 "Returns answer (text with [n] markers), citations (n, paper_id, title, verified: whether the abstract supports the cited sentence) " +
                 "and sources (every numbered paper, with date and url). covered is false when no indexed paper is relevant; the answer then says so and cites nothing.")]
    public Task<AnswerResponse> AskAsync(
        [Description("The question, in plain words, e.g. 'Which neural networks emulate atmospheric CO2 transport?'.")] string question,
        [Description("Only papers dated on or after this day, as yyyy-mm-dd; omit for no lower bound.")] DateOnly? from_date = null,
        [Description("Only papers dated on or before this day, as yyyy-mm-dd; omit for no upper bound.")] DateOnly? to_date = null,
        [Description("To ask a follow-up: the id of your conversation (1 to 64 letters, digits, '-' or '_'; a new id starts one). " +
                     "The question is then read against your earlier questions in it. Omit for a question on its own.")] string? conversation_id = null,
        CancellationToken cancellationToken = default) =>
        AnswerAsync(new AskRequest(question, null, from_date, to_date, conversation_id), cancellationToken);

    [McpServerTool(Name = "summarize_literature", Title = "Summarize the literature", ReadOnly = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Writes a cited literature summary on a topic from the indexed research papers, grouped by theme, each statement cited as [n]. " +
                 "Returns the same fields as ask: answer, citations, sources, covered.")]
    public Task<AnswerResponse> SummarizeLiteratureAsync(
        [Description("The topic to summarize, e.g. 'uncertainty estimation for neural network potentials'.")] string topic,
        [Description("Only papers dated on or after this day, as yyyy-mm-dd; omit for no lower bound.")] DateOnly? from_date = null,
        [Description("Only papers dated on or before this day, as yyyy-mm-dd; omit for no upper bound.")] DateOnly? to_date = null,
        CancellationToken cancellationToken = default) =>
        AnswerAsync(new AskRequest(topic, AnswerKind.Summary, from_date, to_date), cancellationToken);

    private async Task<AnswerResponse> AnswerAsync(AskRequest request, CancellationToken cancellationToken)
    {
        // Stateless MCP: every tool call is its own HTTP request, whose caller this is.
        var caller = Caller.Of(http.HttpContext ?? throw new InvalidOperationException("An MCP tool call without its HTTP request."));
        if (await handler.RefusalAsync(request, caller, cancellationToken) is { } refusal) throw new McpException(refusal.Message);
        var answer = await AnswerAccumulator.ReadAsync(handler.AnswerAsync(request, caller, cancellationToken), cancellationToken);
        // A tool error (isError) rather than a protocol error, so the calling model reads the reason and can react.
        return answer.Error is { } error
            ? throw new McpException(error.ServiceUnreachable ? $"A required service is unreachable; try again later. {error.Message}" : error.Message)
            : answer.ToResponse() with { ConversationId = request.ConversationId };
    }
}
