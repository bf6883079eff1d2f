using RagAssistant.Core.Indexing;
using RagAssistant.Core.Papers;

namespace RagAssistant.Embeddings.Roles;

/// <summary>
/// Gives every sentence of the papers being indexed its role, with the shipped <see cref="SentenceRoleModel"/> (loaded on
/// first use). Registered only with the embedding model it was trained on; a paper whose sentences have no vectors keeps
/// its roles unset. Only the abstract is classified: the model was trained on abstracts and reads where a sentence stands
/// in one, so the sentences of a PDF's body keep their roles unset rather than shift the abstract's.
/// </summary>
public sealed class SentenceRoleClassifier(Func<SentenceRoleModel> load) : ISentenceRoleClassifier
{
    private readonly Lazy<SentenceRoleModel> _model = new(load);

    public IReadOnlyList<PaperSentences> Classify(IReadOnlyList<PaperSentences> papers)
    {
        var model = _model.Value;
        var classifiable = papers
            .Select((paper, i) => (paper, i))
            .Select(entry => (entry.paper, entry.i, summary: entry.paper with { Sentences = [.. entry.paper.Sentences.Where(sentence => !sentence.IsBody)] }))
            .Where(entry => entry.summary.Sentences.Count > 0 && entry.summary.Sentences.All(sentence => sentence.Vector.Length == model.Card.Dimensions))
            .ToList();
        if (classifiable.Count == 0) return papers;
        var roles = model.Classify([.. classifiable.Select(entry => SentenceRoleFeatures.For(entry.summary, model.Card.Dimensions))]);
        var result = papers.ToArray();
        for (var k = 0; k < classifiable.Count; k++)
        {
            var (paper, i, summary) = classifiable[k];
            var byOrdinal = summary.Sentences.Select((sentence, s) => (sentence.Ordinal, Role: roles[k][s])).ToDictionary(entry => entry.Ordinal, entry => entry.Role);
            result[i] = paper with { Sentences = [.. paper.Sentences.Select(sentence => byOrdinal.TryGetValue(sentence.Ordinal, out var role) ? sentence with { Role = role } : sentence)] };
        }
        return result;
    }
}
