using RagAssistant.Core.Indexing;
using RagAssistant.Core.Papers;

namespace RagAssistant.Embeddings.Roles;

/// <summary>
/// Gives every sentence of the papers being indexed its role, with the shipped <see cref="SentenceRoleModel"/> (loaded on
/// first use). Registered only with the embedding model it was trained on; a paper whose sentences have no vectors keeps
/// its roles unset.
/// </summary>
public sealed class SentenceRoleClassifier(Func<SentenceRoleModel> load) : ISentenceRoleClassifier
{
    private readonly Lazy<SentenceRoleModel> _model = new(load);

    public IReadOnlyList<PaperSentences> Classify(IReadOnlyList<PaperSentences> papers)
    {
        var model = _model.Value;
        var classifiable = papers
            .Select((paper, i) => (paper, i))
            .Where(entry => entry.paper.Sentences.Count > 0 && entry.paper.Sentences.All(sentence => sentence.Vector.Length == model.Card.Dimensions))
            .ToList();
        if (classifiable.Count == 0) return papers;
        var roles = model.Classify([.. classifiable.Select(entry => SentenceRoleFeatures.For(entry.paper, model.Card.Dimensions))]);
        var result = papers.ToArray();
        for (var k = 0; k < classifiable.Count; k++)
        {
            var (paper, i) = classifiable[k];
            result[i] = paper with { Sentences = [.. paper.Sentences.Select((sentence, s) => sentence with { Role = roles[k][s] })] };
        }
        return result;
    }
}
