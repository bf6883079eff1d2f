namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// How the extractive writer chooses its quotes. <see cref="Shipped"/> is what answers use. <see cref="RelevanceOnly"/> is
/// the choice by relevance to the question alone — no preference for a finding or a method, sentences quoted whatever
/// they point back at, each paper's sentences in the authors' order — kept so that the evaluation
/// (<c>rag eval --findings</c>) measures both on the very same retrieval.
/// </summary>
internal sealed record QuotePolicy(bool WeighRoles, bool ResolveReferences, bool BestFirst)
{
    public static readonly QuotePolicy Shipped = new(WeighRoles: true, ResolveReferences: true, BestFirst: true);

    public static readonly QuotePolicy RelevanceOnly = new(WeighRoles: false, ResolveReferences: false, BestFirst: false);
}
