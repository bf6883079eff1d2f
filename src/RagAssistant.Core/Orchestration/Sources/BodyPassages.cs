using System.Numerics.Tensors;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Orchestration.Sources;

/// <summary>
/// The sentences of a paper's body (kept by the index with their page and section) that best match a question, offered
/// to the answer next to the abstract. A sentence is scored by the share of the question's content terms it contains
/// and, when the index has vectors, its cosine with the question; one sharing no term with the question is never offered,
/// so a paper with only an abstract, or a body that does not touch the question, offers none and answers as before.
/// </summary>
public static class BodyPassages
{
    /// <summary>Passages offered per paper: enough for an answer's one or two sentences of a paper, few enough to check cheaply.</summary>
    public const int PerPaper = 3;

    public static IReadOnlyList<SourcePassage>? Of(PaperSentences? sentences, IReadOnlyList<string> queryTerms, ReadOnlyMemory<float>? queryVector)
    {
        if (sentences is null || queryTerms.Count == 0) return null;
        var passages = sentences.Sentences
            .Where(sentence => sentence.IsBody)
            .Select(sentence => (sentence, overlap: Overlap(sentence.Text, queryTerms)))
            .Where(scored => scored.overlap > 0)
            .Select(scored => (scored.sentence, score: scored.overlap + Cosine(scored.sentence.Vector, queryVector)))
            .OrderByDescending(scored => scored.score)
            .Take(PerPaper)
            .OrderBy(scored => scored.sentence.Ordinal)
            .Select(scored => new SourcePassage(scored.sentence.Text, scored.sentence.Page!.Value, scored.sentence.Section ?? ""))
            .ToList();
        return passages.Count > 0 ? passages : null;
    }

    private static double Overlap(string text, IReadOnlyList<string> queryTerms)
    {
        var terms = QuestionTerms.SetOf(text);
        return (double)queryTerms.Count(terms.Contains) / queryTerms.Count;
    }

    private static double Cosine(ReadOnlyMemory<float> vector, ReadOnlyMemory<float>? query) =>
        query is { } q && vector.Length == q.Length && vector.Length > 0 ? TensorPrimitives.CosineSimilarity(vector.Span, q.Span) : 0;
}
