namespace RagAssistant.Core.Papers;

/// <summary>What a sentence of an abstract does, in CSAbstruct's labels (Cohan et al., 2019).</summary>
public enum SentenceRole
{
    Background,
    Objective,
    Method,
    Result,
    Other,
}
