using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// The default writer, which needs no language model: the answer is made of the abstracts' own sentences
/// that best answer the question, each cited to its paper. A direct answer keeps a few sentences, grouped
/// by paper in the order the sources are numbered; a literature summary groups the papers into themes,
/// gives each theme a bullet per paper and ends with the reference list. Works with BM25 terms alone,
/// and uses the local encoder when it is registered.
/// </summary>
public sealed class ExtractiveAnswerWriter(
    IOptions<AssistantOptions> options,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null) : IAnswerWriter
{
    private const int SentencesPerPaper = 2;

    private readonly SentenceSelector _selector = new(embedder);
    private readonly ThemeGrouper _grouper = new(embedder);

    public async IAsyncEnumerable<string> WriteAsync(AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var candidates = await _selector.ScoreAsync(context.Retrieved, cancellationToken);
        if (candidates.Count == 0)
        {
            // Abstracts too short to quote: the titles are still a truthful, cited answer.
            foreach (var source in context.Sources) yield return $"{source.Title} [{source.N}].\n";
            yield break;
        }
        var pieces = context.Kind == AnswerKind.Summary
            ? await SummaryAsync(context, candidates, cancellationToken)
            : Answer(candidates, options.Value.MaxAnswerSentences);
        foreach (var piece in pieces) yield return piece;
    }

    private static IEnumerable<string> Answer(IReadOnlyList<CandidateSentence> candidates, int maxSentences)
    {
        var chosen = SentenceSelector.Pick(candidates, Math.Max(1, maxSentences), SentencesPerPaper);
        var paragraphs = chosen
            .GroupBy(sentence => sentence.Source.N)
            .OrderBy(group => group.Key)
            .Select(group => group.OrderBy(sentence => sentence.Position).ToList())
            .ToList();
        for (var p = 0; p < paragraphs.Count; p++)
        {
            for (var s = 0; s < paragraphs[p].Count; s++)
            {
                var separator = s < paragraphs[p].Count - 1 ? " " : p < paragraphs.Count - 1 ? "\n\n" : "";
                yield return Cite(paragraphs[p][s].Text, paragraphs[p][s].Source.N) + separator;
            }
        }
    }

    private async Task<IReadOnlyList<string>> SummaryAsync(AnswerContext context, IReadOnlyList<CandidateSentence> candidates, CancellationToken cancellationToken)
    {
        var themes = await _grouper.GroupAsync(context.Sources, context.Retrieved.QueryTerms, cancellationToken);
        var best = candidates
            .GroupBy(sentence => sentence.Source.N)
            .ToDictionary(group => group.Key, group => group.OrderByDescending(sentence => sentence.Score).ToList());
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
                // A theme of one paper gets two sentences, so that every theme says about as much.
                var sentences = best.GetValueOrDefault(paper.N, []).Take(theme.Papers.Count == 1 ? 2 : 1).OrderBy(sentence => sentence.Position).ToList();
                // Every paper of a theme gets a cited bullet, its title when no sentence of it is quotable.
                if (sentences.Count == 0) pieces.Add($"- {Cite(paper.Title, paper.N)}\n");
                pieces.AddRange(sentences.Select(sentence => $"- {Cite(sentence.Text, paper.N)}\n"));
            }
            pieces.Add("\n");
        }
        pieces.Add("References\n");
        pieces.AddRange(context.Sources.Select(source => $"[{source.N}] {source.Title}{DateSuffix(source.Date)}\n"));
        return pieces;
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
