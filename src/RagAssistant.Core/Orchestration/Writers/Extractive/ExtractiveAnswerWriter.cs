using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// The default writer, which needs no language model: the answer is made of the abstracts' own sentences that best
/// answer the question — what each paper found or did, as the question asks (<see cref="QuestionAim"/>), never a sentence
/// pointing back at one it does not quote — each cited to its paper. A direct answer quotes every source's best passage
/// and a few more, the best answer first; a literature summary groups the papers into themes, gives each theme a bullet
/// per paper with its finding, and ends with the reference list. Works with BM25 terms alone, and uses sentence vectors
/// when the encoder is registered.
/// </summary>
public sealed class ExtractiveAnswerWriter : IAnswerWriter
{
    private const int PassagesPerPaper = 2;

    private readonly IOptions<AssistantOptions> _options;
    private readonly QuotePolicy _policy;
    private readonly SentenceSelector _selector;
    private readonly ThemeGrouper _grouper;

    public ExtractiveAnswerWriter(IOptions<AssistantOptions> options, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
        : this(options, embedder, QuotePolicy.Shipped)
    {
    }

    internal ExtractiveAnswerWriter(IOptions<AssistantOptions> options, IEmbeddingGenerator<string, Embedding<float>>? embedder, QuotePolicy policy)
    {
        (_options, _policy) = (options, policy);
        _selector = new SentenceSelector(embedder, policy);
        _grouper = new ThemeGrouper(embedder);
    }

    public async IAsyncEnumerable<string> WriteAsync(AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var aim = QuestionAim.Of(context.Question);
        var candidates = await _selector.ScoreAsync(context.Retrieved, aim, cancellationToken);
        var passages = _selector.Passages(candidates);
        if (passages.Count == 0)
        {
            // Abstracts too short to quote: the titles are still a truthful, cited answer.
            foreach (var source in context.Sources) yield return $"{source.Title} [{source.N}].\n";
            yield break;
        }
        var pieces = context.Kind == AnswerKind.Summary
            ? await SummaryAsync(context, passages, cancellationToken)
            : Answer(passages, _options.Value.MaxAnswerSentences);
        foreach (var piece in pieces)
        {
            // Stored sentence vectors leave nothing here that waits on the token, so a cancelled answer stops at the next piece.
            cancellationToken.ThrowIfCancellationRequested();
            yield return piece;
        }
    }

    /// <summary>A paragraph per paper, the paper with the best passage first and each paper's best passage first in it.</summary>
    private IEnumerable<string> Answer(IReadOnlyList<Passage> passages, int maxSentences)
    {
        var chosen = SentenceSelector.Pick(passages, Math.Max(1, maxSentences), PassagesPerPaper);
        var paragraphs = (_policy.BestFirst
                ? chosen.GroupBy(passage => passage.Source.N)
                    .OrderByDescending(paper => paper.Max(passage => passage.Score))
                    .Select(paper => (N: paper.Key, Passages: paper.OrderByDescending(passage => passage.Score)))
                : chosen.GroupBy(passage => passage.Source.N)
                    .OrderBy(paper => paper.Key)
                    .Select(paper => (N: paper.Key, Passages: paper.OrderBy(passage => passage.Sentences[0].Position))))
            .Select(paper => (paper.N, Quotes: paper.Passages.SelectMany(passage => passage.Quotes).ToList()))
            .ToList();
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var (n, quotes) = paragraphs[p];
            for (var s = 0; s < quotes.Count; s++)
            {
                var separator = s < quotes.Count - 1 ? " " : p < paragraphs.Count - 1 ? "\n\n" : "";
                yield return Cite(quotes[s], n) + separator;
            }
        }
    }

    private async Task<IReadOnlyList<string>> SummaryAsync(AnswerContext context, IReadOnlyList<Passage> passages, CancellationToken cancellationToken)
    {
        var best = passages
            .GroupBy(passage => passage.Source.N)
            .ToDictionary(paper => paper.Key, paper => paper.OrderByDescending(passage => passage.Score).ToList());
        var keySentences = best.ToDictionary(paper => paper.Key, paper => string.Join(" ", paper.Value[0].Quotes));
        var themes = await _grouper.GroupAsync(context.Sources, context.Retrieved.QueryTerms, keySentences, context.Retrieved.Sentences, cancellationToken);
        var pieces = new List<string>
        {
            (context.Sources.Count == 1 ? "One paper in the index speaks" : $"{context.Sources.Count} papers in the index speak") +
            (themes.Count == 1 ? " to this.\n\n" : $" to this, in {themes.Count} themes.\n\n"),
        };
        foreach (var theme in themes)
        {
            pieces.Add($"**{theme.Label}**\n");
            foreach (var paper in theme.Papers)
            {
                // A theme of one paper gets two passages, so that every theme says about as much.
                var chosen = PickDistinct(best.GetValueOrDefault(paper.N, []), theme.Papers.Count == 1 ? 2 : 1);
                // Every paper of a theme gets a cited bullet, its title when no sentence of it is quotable.
                if (chosen.Count == 0) pieces.Add($"- {Cite(paper.Title, paper.N)}\n");
                foreach (var passage in chosen)
                {
                    pieces.Add("- " + string.Join(" ", passage.Quotes.Select(quote => Cite(quote, paper.N))) + "\n");
                }
            }
            pieces.Add("\n");
        }
        pieces.Add("References\n");
        pieces.AddRange(context.Sources.Select(source => $"[{source.N}] {source.Title}{DateSuffix(source.Date)}\n"));
        return pieces;
    }

    /// <summary>The best passages of a paper that share no sentence, in the authors' order.</summary>
    private static List<Passage> PickDistinct(IReadOnlyList<Passage> ranked, int count)
    {
        var chosen = new List<Passage>();
        foreach (var passage in ranked)
        {
            if (chosen.Count == count) break;
            if (!chosen.Any(c => c.Sentences.Intersect(passage.Sentences).Any())) chosen.Add(passage);
        }
        return [.. chosen.OrderBy(passage => passage.Sentences[0].Position)];
    }

    /// <summary>The sentence with its citation before the closing punctuation: "… mass balance [1]."</summary>
    internal static string Cite(string sentence, int n)
    {
        var text = sentence.TrimEnd();
        var end = text.Length > 0 && text[^1] is '.' or '!' or '?' ? text[^1].ToString() : ".";
        var body = text.Length > 0 && text[^1] is '.' or '!' or '?' ? text[..^1].TrimEnd() : text;
        return $"{body} [{n}]{end}";
    }

    private static string DateSuffix(DateOnly? date) =>
        date is { } d ? $" ({d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : "";
}
