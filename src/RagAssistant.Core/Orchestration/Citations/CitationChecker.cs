using System.Globalization;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using RagAssistant.Core.Orchestration.Events;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Orchestration.Citations;

/// <summary>
/// Decides whether a cited abstract supports the sentence that cites it. A sentence quoted from the
/// abstract (or naming the paper, as a reference-list entry does) is supported outright; otherwise two
/// signals are weighed together: the share of the sentence's content terms found in the abstract and, with
/// the local encoder, the cosine of the sentence with the abstract's closest sentence. A sentence may be
/// true and still fail here — the check is for "does this paper say so", not for truth.
/// One instance per answer: it remembers the abstracts' sentence vectors between sentences.
/// </summary>
public sealed partial class CitationChecker(
    IReadOnlyList<AnswerSource> sources,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    /// <summary>Without the encoder: share of the sentence's content terms the abstract must contain.</summary>
    public const double MinTermOverlap = 0.5;

    /// <summary>With the encoder: least mean of term overlap and closest-sentence cosine.</summary>
    public const double MinSupport = 0.5;

    /// <summary>With the encoder, a sentence sharing fewer of its terms than this is a paraphrase at best, and must be a close one.</summary>
    public const double MinSharedTerms = 0.34;

    /// <summary>Cosine high enough to count as a paraphrase even with few shared terms.</summary>
    public const double ParaphraseSimilarity = 0.70;

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();

    private readonly Dictionary<int, (string[] Sentences, ReadOnlyMemory<float>[] Vectors)> _abstractVectors = [];

    public async Task<IReadOnlyList<CitationEvent>> CheckAsync(CitedSentence sentence, CancellationToken cancellationToken = default)
    {
        var events = new List<CitationEvent>(sentence.Citations.Count);
        ReadOnlyMemory<float>? sentenceVector = null;
        foreach (var n in sentence.Citations)
        {
            var source = sources.First(s => s.N == n);
            if (Quotes(source, sentence.Text, out var how))
            {
                events.Add(new CitationEvent(n, source.PaperId, sentence.Text, true, how));
                continue;
            }

            var terms = QuestionTerms.Of(sentence.Text);
            var abstractTerms = QuestionTerms.SetOf($"{source.Title}\n{source.Abstract}");
            var overlap = terms.Count == 0 ? 0 : (double)terms.Count(abstractTerms.Contains) / terms.Count;
            if (embedder is null)
            {
                var supported = overlap >= MinTermOverlap;
                events.Add(new CitationEvent(n, source.PaperId, sentence.Text, supported,
                    $"{(supported ? "supported" : "not supported")}: {Percent(overlap)} of its terms occur in the abstract of [{n}]"));
                continue;
            }

            sentenceVector ??= (await embedder.GenerateAsync([sentence.Text], cancellationToken: cancellationToken))[0].Vector;
            var (closest, similarity) = await ClosestAsync(source, sentenceVector.Value, cancellationToken);
            var verified = similarity >= ParaphraseSimilarity || (overlap >= MinSharedTerms && (overlap + similarity) / 2 >= MinSupport);
            events.Add(new CitationEvent(n, source.PaperId, sentence.Text, verified,
                $"{(verified ? "supported" : "not supported")}: {Percent(overlap)} of its terms occur in the abstract of [{n}], " +
                $"and its closest sentence there has similarity {similarity.ToString("0.00", CultureInfo.InvariantCulture)} (\"{Shorten(closest)}\")"));
        }
        return events;
    }

    private static bool Quotes(AnswerSource source, string sentence, out string how)
    {
        var words = Normalise(sentence);
        how = "";
        if (words.Length == 0) return false;
        if (Normalise(source.Abstract).Contains(words, StringComparison.Ordinal))
        {
            how = $"quoted from the abstract of [{source.N}]";
            return true;
        }
        var title = Normalise(source.Title);
        if (words == title || (words.StartsWith(title, StringComparison.Ordinal) && words.Length - title.Length <= 12))
        {
            how = $"names the paper [{source.N}]";
            return true;
        }
        return false;
    }

    private async Task<(string Sentence, double Similarity)> ClosestAsync(AnswerSource source, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        if (!_abstractVectors.TryGetValue(source.N, out var known))
        {
            var sentences = SentenceSplitter.Split($"{source.Title}. {source.Abstract}").ToArray();
            var vectors = await embedder!.GenerateAsync(sentences, cancellationToken: cancellationToken);
            known = (sentences, [.. vectors.Select(embedding => embedding.Vector)]);
            _abstractVectors[source.N] = known;
        }
        var best = (Sentence: "", Similarity: double.MinValue);
        for (var i = 0; i < known.Sentences.Length; i++)
        {
            double similarity = TensorPrimitives.CosineSimilarity(known.Vectors[i].Span, vector.Span);
            if (similarity > best.Similarity) best = (known.Sentences[i], similarity);
        }
        return best;
    }

    /// <summary>Lower-case words joined by single spaces (the dates of a reference entry drop out as digits stay).</summary>
    private static string Normalise(string text) => NonWord().Replace(text.ToLowerInvariant(), " ").Trim();

    private static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
