using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using IEmbeddingGenerator = Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Plugins;
using RagAssistant.Core.Orchestration.Prompts;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Orchestration.Writers.LanguageModel;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration.Agent;

/// <summary>
/// Agent mode (<c>Chat:Mode=agent</c>): the <c>ResearchAgent</c> prompt runs with <see cref="FunctionChoiceBehavior.Auto"/>
/// offering <c>search_papers</c> and <c>get_paper</c>, and the model searches as often as it needs before it writes.
/// Sources stream as the tools find them (<see cref="SourceBookkeeping"/> numbers them), text as the model writes it.
/// At <see cref="ToolCallBudget"/>'s limit the search stops, one line says so, and the single-shot writer answers from
/// the papers found. A tool call whose arguments are not JSON ends the answer with an error, before any tool runs.
/// Each answer runs on its own copy of <paramref name="kernel"/> (the paper tools and the prompt functions), so its
/// filters keep this answer's books and nobody else's.
/// </summary>
public sealed class AgentAnswerPlan(
    Kernel kernel,
    IPaperIndex index,
    IAnswerWriter writer,
    PromptLibrary prompts,
    IOptions<AssistantOptions> options,
    IEmbeddingGenerator? embedder = null)
{
    internal async IAsyncEnumerable<AnswerEvent> AnswerAsync(
        string question, string query, AnswerKind kind, IReadOnlyList<ConversationTurn> history, Stopwatch clock,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ledger = new SourceLedger();
        var answerKernel = kernel.Clone();
        answerKernel.FunctionInvocationFilters.Add(new SourceBookkeeping(ledger, index));
        var settings = options.Value;
        var budget = new ToolCallBudget(Math.Max(0, settings.MaxToolCalls), settings.AgentTimeBudget);
        answerKernel.AutoFunctionInvocationFilters.Add(budget);
        var draft = new AnswerDraft(ledger.Sources, question, clock, embedder);
        // What the tools find, in the shape the writers read: the ledger's live list, for an answer written after a stop.
        var context = new AnswerContext(question, kind, new RetrievedSources(query, ledger.Sources, QuestionTerms.Of(query), null, 0, []), history);
        // Sources first, as in every answer — empty until a tool finds papers, then again each time more are found.
        yield return draft.SourcesUpdate(query, context.Kind)!;

        var calls = new FunctionCallContentBuilder();
        await foreach (var chunk in prompts.ResearchAgent.InvokeStreamingAsync<StreamingChatMessageContent>(
            answerKernel, Arguments(answerKernel, context), cancellationToken))
        {
            // After a stop, the connector echoes the refused call's result as a tool message: not text for the user.
            if (chunk.Role == AuthorRole.Tool) continue;
            calls.Append(chunk);
            if (chunk is OpenAIStreamingChatMessageContent { FinishReason: not null })
            {
                ThrowOnUnreadableCall(calls.Build());
                calls = new FunctionCallContentBuilder();
            }
            if (draft.SourcesUpdate(query, context.Kind) is { } found) yield return found;
            if (string.IsNullOrEmpty(chunk.Content)) continue;
            foreach (var answerEvent in await draft.PushAsync(chunk.Content, cancellationToken)) yield return answerEvent;
        }
        if (draft.SourcesUpdate(query, context.Kind) is { } last) yield return last;

        var sources = ledger.Sources; // every paper the tools returned
        if (budget.StopReason is { } reason)
        {
            var notice = $"*Stopped searching at {reason}; this answer is written from the {sources.Count} {(sources.Count == 1 ? "paper" : "papers")} found.*\n\n";
            foreach (var answerEvent in await draft.PushAsync(notice, cancellationToken)) yield return answerEvent;
            var fragments = sources.Count > 0
                ? writer.WriteAsync(context, cancellationToken)
                : AnswerOrchestrator.Once(AnswerOrchestrator.NotCoveredAnswer);
            await foreach (var fragment in fragments)
            {
                foreach (var answerEvent in await draft.PushAsync(fragment, cancellationToken)) yield return answerEvent;
            }
        }
        foreach (var answerEvent in await draft.CompleteAsync(cancellationToken)) yield return answerEvent;
        yield return draft.Done(covered: sources.Count > 0);
    }

    /// <summary>The prompt's own settings (temperature, max tokens from its config.json) with the two paper tools offered, invoked automatically.</summary>
    private KernelArguments Arguments(Kernel answerKernel, AnswerContext context)
    {
        var tools = new[]
        {
            answerKernel.Plugins.GetFunction(PapersPlugin.PluginName, PaperToolDescriptions.SearchPapersName),
            answerKernel.Plugins.GetFunction(PapersPlugin.PluginName, PaperToolDescriptions.GetPaperName),
        };
        var execution = prompts.ResearchAgent.ExecutionSettings?.GetValueOrDefault(PromptExecutionSettings.DefaultServiceId)?.Clone() ?? new PromptExecutionSettings();
        execution.FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(tools);
        return new KernelArguments(execution)
        {
            ["question"] = context.Question,
            ["history"] = SourcesBlock.FormatHistory(context.History),
            ["max_tool_calls"] = options.Value.MaxToolCalls.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A call whose arguments do not parse would go back to the model as an error and loop; it ends the answer instead.</summary>
    private static void ThrowOnUnreadableCall(IReadOnlyList<FunctionCallContent> calls)
    {
        if (calls.FirstOrDefault(call => call.Exception is not null) is not { } broken) return;
        var detail = broken.Exception!.InnerException?.Message ?? broken.Exception.Message;
        throw new InvalidToolCallException(
            $"The language model called {broken.FunctionName} with arguments that are not valid JSON ({detail}), so the answer stopped. Ask again, or use Chat:Mode=single.");
    }
}

/// <summary>The model asked for a tool in a form that cannot be carried out.</summary>
public sealed class InvalidToolCallException(string message) : Exception(message);
