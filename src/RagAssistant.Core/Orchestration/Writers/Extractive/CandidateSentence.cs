using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>A sentence of a source's abstract or of a passage of its body, with where it came from and how well it answers the question.</summary>
internal sealed class CandidateSentence(AnswerSource source, int position, string text, HashSet<string> terms)
{
    public AnswerSource Source { get; } = source;

    /// <summary>0-based place in the abstract and then the passages, to keep the authors' order when several sentences of a paper are used.</summary>
    public int Position { get; } = position;

    public string Text { get; } = text;

    public HashSet<string> Terms { get; } = terms;

    /// <summary>Set only for sentences short-listed for the encoder.</summary>
    public ReadOnlyMemory<float>? Vector { get; set; }

    /// <summary>IDF-weighted share of the question's terms in this sentence.</summary>
    public double Overlap { get; set; }

    public double Score { get; set; }
}
