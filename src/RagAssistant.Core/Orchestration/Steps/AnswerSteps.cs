using System.ComponentModel;
using Microsoft.SemanticKernel;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Writers;

namespace RagAssistant.Core.Orchestration.Steps;

/// <summary>
/// The steps of an answer as Semantic Kernel functions (plugin <see cref="PluginName"/>), so every answer runs through
/// a <see cref="Kernel"/> and its filters: condense the follow-up, search, select, write, check a cited sentence.
/// Each step delegates to the part that owns the decision; these functions are the plan's vocabulary, never offered
/// to a model (the model gets <c>papers.search_papers</c> and <c>papers.get_paper</c>).
/// </summary>
public sealed class AnswerSteps(
    IFollowUpCondenser condenser,
    SourceRetriever retriever,
    IAnswerWriter writer,
    EvidenceWeigher? evidence = null)
{
    public const string PluginName = "answer";
    public const string CondenseQuestion = "condense_question";
    public const string Search = "search";
    public const string SelectSources = "select_sources";
    public const string Write = "write";
    public const string CheckSentence = "check_sentence";

    [KernelFunction(CondenseQuestion), Description("The question as a standalone search query, its follow-up resolved against the conversation.")]
    public async Task<string> CondenseQuestionAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default) =>
        QuestionIntent.Subject(await condenser.CondenseAsync(question, history, cancellationToken));

    [KernelFunction(Search), Description("The papers that pass the relevance gate for the query, or the nearest titles when none does.")]
    public Task<RetrievedSources> SearchAsync(string query, AnswerKind kind, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        retriever.RetrieveAsync(query, kind, from, to, cancellationToken);

    [KernelFunction(SelectSources), Description("The candidates the answer may cite: all of them, or with the evidence step those the model scored high enough.")]
    public async Task<RetrievedSources> SelectSourcesAsync(Kernel kernel, string question, RetrievedSources candidates, CancellationToken cancellationToken = default) =>
        evidence is null || !candidates.Covered ? candidates : await evidence.SelectAsync(kernel, question, candidates, cancellationToken);

    [KernelFunction(Write), Description("The answer as text fragments with [n] citations, by the configured writer.")]
    public IAsyncEnumerable<string> WriteAsync(AnswerContext context, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(context, cancellationToken);

    [KernelFunction(CheckSentence), Description("What each cited abstract says about a finished sentence of the answer.")]
    public Task<IReadOnlyList<CitationEvent>> CheckSentenceAsync(CitedSentence sentence, CitationChecker checker, CancellationToken cancellationToken = default) =>
        checker.CheckAsync(sentence, cancellationToken);
}
