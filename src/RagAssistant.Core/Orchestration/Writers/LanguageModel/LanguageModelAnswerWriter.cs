using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Prompts;

namespace RagAssistant.Core.Orchestration.Writers.LanguageModel;

/// <summary>
/// Writes the answer with a language model through Semantic Kernel's chat completion (any
/// OpenAI-compatible endpoint), streaming: the <c>Answer</c> or <c>Summarize</c> prompt function with the
/// numbered sources, the question and the recent conversation. What the model cites is checked downstream.
/// </summary>
public sealed class LanguageModelAnswerWriter(Kernel kernel, PromptLibrary prompts) : IAnswerWriter
{
    public async IAsyncEnumerable<string> WriteAsync(AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var function = context.Kind == AnswerKind.Summary ? prompts.Summarize : prompts.Answer;
        var arguments = new KernelArguments
        {
            ["question"] = context.Question,
            ["sources"] = SourcesBlock.Format(context.Sources),
            ["source_count"] = context.Sources.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["history"] = SourcesBlock.FormatHistory(context.History),
        };
        await foreach (var chunk in function.InvokeStreamingAsync<StreamingKernelContent>(kernel, arguments, cancellationToken))
        {
            var text = chunk.ToString();
            if (!string.IsNullOrEmpty(text)) yield return text;
        }
    }
}
