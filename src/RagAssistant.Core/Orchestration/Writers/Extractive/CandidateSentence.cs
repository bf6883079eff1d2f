using RagAssistant.Contracts;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>A sentence of a source's abstract or of a passage of its body, with where it came from, what it does and how well it answers the question.</summary>
internal sealed class CandidateSentence(AnswerSource source, int position, string text, HashSet<string> terms, SentenceRole? role = null, ReadOnlyMemory<float>? vector = null)
{
    public AnswerSource Source { get; } = source;

    /// <summary>0-based place among the paper's sentences (abstract, then body): the authors' order, and the sentence before is the one a reference leans on.</summary>
    public int Position { get; } = position;

    /// <summary>The sentence as the paper has it, its reference markers taken out.</summary>
    public string Text { get; } = text;

    /// <summary>What a quote of it alone shows: the sentence, or the sentence after its leading connective; null when it leans on the one before.</summary>
    public string? Standalone { get; } = Orchestration.Text.UnresolvedReference.Standalone(text);

    public HashSet<string> Terms { get; } = terms;

    /// <summary>Background, objective, method, result or other, as classified when the paper was indexed; null when unknown.</summary>
    public SentenceRole? Role { get; } = role;

    /// <summary>Its vector: stored at indexing, or encoded for the short list when the index has none.</summary>
    public ReadOnlyMemory<float>? Vector { get; set; } = vector;

    /// <summary>IDF-weighted share of the question's terms in this sentence.</summary>
    public double Overlap { get; set; }

    /// <summary>How closely it speaks to the question, whatever its role.</summary>
    public double Relevance { get; set; }

    /// <summary>Relevance weighed by how well its role serves the question (<see cref="QuestionAim"/>).</summary>
    public double Score { get; set; }
}
