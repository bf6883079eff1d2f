using System.Globalization;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Orchestration.Citations;

/// <summary>
/// Decides what a cited abstract says about the sentence that cites it, as a <see cref="CitationVerdicts"/> verdict.
/// <i>quoted</i>: the sentence stands word for word in the abstract (its reference markers aside), or names the
/// paper as a reference-list entry does. <i>similar</i>: a paraphrase — enough of its content terms occur in the
/// abstract and, with the encoder, its closest abstract sentence is close — that states no number the abstract
/// lacks and does not flip a negation. Otherwise <i>unsupported</i>. The check is for "does this paper say so",
/// not for truth. A source's body passages (a PDF's, <see cref="AnswerSource.Passages"/>) count as its abstract does;
/// when the evidence is one of them, the citation carries its page and section. One instance per answer: it remembers the abstracts' sentence vectors between sentences.
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


    [GeneratedRegex(@"\d+(?:[.,]\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?:not|no|never|none|neither|nor|cannot|without|fails?|failed|unable|lacks?)\b|n't\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    // Per source: its abstract's sentences, then its passages (the passage each came from, null for the abstract's), with their vectors.
    private readonly Dictionary<int, (string[] Sentences, SourcePassage?[] Passages, ReadOnlyMemory<float>[] Vectors)> _abstractVectors = [];

    public async Task<IReadOnlyList<CitationEvent>> CheckAsync(CitedSentence sentence, CancellationToken cancellationToken = default)
    {
        var events = new List<CitationEvent>(sentence.Citations.Count);
        ReadOnlyMemory<float>? sentenceVector = null;
        foreach (var n in sentence.Citations)
        {
            if (sources.FirstOrDefault(s => s.N == n) is not { } source) continue; // the stream lets no such number through
            if (!sentence.Text.Any(char.IsLetterOrDigit))
            {
                events.Add(Unsupported(n, source, sentence.Text, $"[{n}] stands alone, backing no sentence"));
                continue;
            }
            if (Quotes(source, sentence.Text, out var how, out var quoted))
            {
                events.Add(new CitationEvent(n, source.PaperId, sentence.Text, true, how, CitationVerdicts.Quoted, Page: quoted?.Page, Section: quoted?.Section));
                continue;
            }

            var terms = QuestionTerms.Of(sentence.Text);
            var abstractTerms = QuestionTerms.SetOf($"{source.Title}\n{Readable(source)}");
            var overlap = terms.Count == 0 ? 0 : (double)terms.Count(abstractTerms.Contains) / terms.Count;
            var newNumbers = NumbersIn(sentence.Text).Except(NumbersIn($"{source.Title} {Readable(source)}")).ToList();
            if (newNumbers.Count > 0)
            {
                events.Add(Unsupported(n, source, sentence.Text, $"it states {string.Join(", ", newNumbers)}, which the abstract of [{n}] does not"));
                continue;
            }
            if (embedder is null)
            {
                var termsPassage = BestPassageByTerms(source, terms);
                var similar = overlap >= MinTermOverlap && !FlipsNegation(sentence.Text, termsPassage?.Text ?? source.Abstract);
                var reason = $"{Percent(overlap)} of its terms occur in the abstract of [{n}]";
                events.Add(similar
                    ? new CitationEvent(n, source.PaperId, sentence.Text, true, $"similar: {reason}", CitationVerdicts.Similar, Page: termsPassage?.Page, Section: termsPassage?.Section)
                    : Unsupported(n, source, sentence.Text, reason));
                continue;
            }

            sentenceVector ??= (await embedder.GenerateAsync([sentence.Text], cancellationToken: cancellationToken))[0].Vector;
            var (closest, similarity, passage) = await ClosestAsync(source, sentenceVector.Value, cancellationToken);
            var close = similarity >= ParaphraseSimilarity || (overlap >= MinSharedTerms && (overlap + similarity) / 2 >= MinSupport);
            var flipped = FlipsNegation(sentence.Text, closest);
            var evidence = $"{Percent(overlap)} of its terms occur in the abstract of [{n}], " +
                           $"and its closest sentence there has similarity {similarity.ToString("0.00", CultureInfo.InvariantCulture)} (\"{Shorten(closest)}\")";
            events.Add(close && !flipped
                ? new CitationEvent(n, source.PaperId, sentence.Text, true, $"similar: {evidence}", CitationVerdicts.Similar, Math.Round(similarity, 4), passage?.Page, passage?.Section)
                : Unsupported(n, source, sentence.Text, flipped ? $"it negates what its closest sentence in [{n}] says (\"{Shorten(closest)}\")" : evidence, Math.Round(similarity, 4)));
        }
        return events;
    }

    private static CitationEvent Unsupported(int n, AnswerSource source, string sentence, string why, double? similarity = null) =>
        new(n, source.PaperId, sentence, false, $"unsupported: {why}", CitationVerdicts.Unsupported, similarity);

    /// <summary>The body passage sharing the most of <paramref name="terms"/>, when it shares more than the abstract does; else null.</summary>
    private static SourcePassage? BestPassageByTerms(AnswerSource source, IReadOnlyList<string> terms)
    {
        if (source.Passages is not { Count: > 0 } passages || terms.Count == 0) return null;
        int Shared(string text) => terms.Count(QuestionTerms.SetOf(text).Contains);
        var best = passages.MaxBy(passage => Shared(passage.Text))!;
        return Shared(best.Text) > Shared(source.Abstract) ? best : null;
    }

    /// <summary>The abstract and the body passages as one text: what the source says, for terms and numbers.</summary>
    private static string Readable(AnswerSource source) =>
        source.Passages is { Count: > 0 } passages ? $"{source.Abstract}\n{string.Join("\n", passages.Select(passage => passage.Text))}" : source.Abstract;

    private static bool Quotes(AnswerSource source, string sentence, out string how, out SourcePassage? passage)
    {
        var words = WordText.Normalise(sentence);
        how = "";
        passage = null;
        if (words.Length == 0) return false;
        if (WordText.Normalise(ReferenceMarkers.Strip(source.Abstract)).Contains(words, StringComparison.Ordinal))
        {
            how = $"quoted: word for word from the abstract of [{source.N}]";
            return true;
        }
        passage = source.Passages?.FirstOrDefault(candidate => WordText.Normalise(ReferenceMarkers.Strip(candidate.Text)).Contains(words, StringComparison.Ordinal));
        if (passage is not null)
        {
            how = $"quoted: word for word from page {passage.Page} of [{source.N}] ({passage.Section})";
            return true;
        }
        var title = WordText.Normalise(source.Title);
        if (words == title || (words.StartsWith(title, StringComparison.Ordinal) && words.Length - title.Length <= 12))
        {
            how = $"quoted: names the paper [{source.N}]";
            return true;
        }
        return false;
    }

    /// <summary>One of the two says "not" (or "no", "never", "fails", …) and the other does not.</summary>
    private static bool FlipsNegation(string sentence, string evidence) =>
        Negation().IsMatch(sentence) != Negation().IsMatch(evidence);

    private static HashSet<string> NumbersIn(string text) =>
        [.. Number().Matches(text).Select(match => match.Value.Replace(',', '.'))];

    private async Task<(string Sentence, double Similarity, SourcePassage? Passage)> ClosestAsync(AnswerSource source, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        if (!_abstractVectors.TryGetValue(source.N, out var known))
        {
            var sentences = SentenceSplitter.Split(ReferenceMarkers.Strip($"{source.Title}. {source.Abstract}"))
                .Where(text => text.Any(char.IsLetterOrDigit))
                .Select(text => (Text: text, Passage: (SourcePassage?)null))
                .Concat((source.Passages ?? []).Select(passage => (Text: ReferenceMarkers.Strip(passage.Text), Passage: (SourcePassage?)passage)))
                .ToArray();
            var vectors = sentences.Length == 0 ? [] : await embedder!.GenerateAsync(sentences.Select(sentence => sentence.Text), cancellationToken: cancellationToken);
            known = ([.. sentences.Select(sentence => sentence.Text)], [.. sentences.Select(sentence => sentence.Passage)], [.. vectors.Select(embedding => embedding.Vector)]);
            _abstractVectors[source.N] = known;
        }
        var best = (Sentence: "", Similarity: 0.0, Passage: (SourcePassage?)null);
        for (var i = 0; i < known.Sentences.Length; i++)
        {
            double similarity = TensorPrimitives.CosineSimilarity(known.Vectors[i].Span, vector.Span);
            if (i == 0 || similarity > best.Similarity) best = (known.Sentences[i], similarity, known.Passages[i]);
        }
        return best;
    }

    /// <summary>Lower-case words joined by single spaces (the dates of a reference entry drop out as digits stay).</summary>

    private static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
