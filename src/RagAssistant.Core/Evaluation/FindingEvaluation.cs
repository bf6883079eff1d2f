using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Orchestration.Writers.Extractive;

namespace RagAssistant.Core.Evaluation;

/// <summary>
/// Whether answers quote what answers the question. For each question of a labelled set — the paper that answers it and the
/// abstract sentences that do — the sources are retrieved once, and the extractive writer answers from them twice: with the
/// quote choice by relevance alone (<c>before</c>) and as shipped (<c>after</c>). Each answer is judged on:
/// <list type="bullet">
/// <item><c>finding_hit</c>: it quotes an answering sentence, cited to the right paper;</item>
/// <item><c>first_hit</c>: its first sentence is one;</item>
/// <item><c>dangling_quotes</c>: quoted sentences that open by pointing back (<see cref="UnresolvedReference"/>) at a sentence the answer did not quote just before.</item>
/// </list>
/// </summary>
public static class FindingEvaluation
{
    public static async Task<FindingReport> RunAsync(
        SourceRetriever retriever, IOptions<AssistantOptions> options, IEmbeddingGenerator<string, Embedding<float>>? embedder,
        IReadOnlyList<FindingQuestion> questions, CancellationToken cancellationToken = default)
    {
        var before = new ExtractiveAnswerWriter(options, embedder, QuotePolicy.RelevanceOnly);
        var after = new ExtractiveAnswerWriter(options, embedder, QuotePolicy.Shipped);
        var judged = new List<JudgedFinding>();
        foreach (var question in questions)
        {
            var retrieved = await retriever.RetrieveAsync(QuestionIntent.Subject(question.Question), AnswerKind.Answer, cancellationToken: cancellationToken);
            var context = new AnswerContext(question.Question, AnswerKind.Answer, retrieved, []);
            var source = retrieved.Sources.FirstOrDefault(candidate => candidate.PaperId == question.PaperId);
            judged.Add(new JudgedFinding(
                question,
                source is not null,
                Judge(question, source, await QuotesAsync(before, context, cancellationToken)),
                Judge(question, source, await QuotesAsync(after, context, cancellationToken))));
        }
        return new FindingReport(judged);
    }

    /// <summary>The answer's quoted sentences in order, each with the source it cites.</summary>
    private static async Task<IReadOnlyList<(string Text, int N)>> QuotesAsync(IAnswerWriter writer, AnswerContext context, CancellationToken cancellationToken)
    {
        var quotes = new List<(string, int)>();
        await foreach (var piece in writer.WriteAsync(context, cancellationToken))
        {
            // The extractive writer gives one cited sentence a piece: "… mass balance [1]. "
            var marker = CitationMarkers.Single().Matches(piece).LastOrDefault();
            var end = marker is null ? "" : piece[(marker.Index + marker.Length)..].Trim();
            if (marker is null || end.Length > 1 || (end.Length == 1 && !".!?".Contains(end[0]))) continue;
            quotes.Add((piece[..marker.Index].Trim() + end, int.Parse(marker.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
        return quotes;
    }

    private static AnswerJudgement Judge(FindingQuestion question, AnswerSource? source, IReadOnlyList<(string Text, int N)> quotes)
    {
        var answers = question.Answers.Select(WordText.Normalise).ToList();
        bool Answers((string Text, int N) quote) => source is not null && quote.N == source.N && answers.Any(answer => IsQuoteOf(WordText.Normalise(quote.Text), answer));
        var dangling = 0;
        for (var i = 0; i < quotes.Count; i++)
        {
            if (!UnresolvedReference.Opens(quotes[i].Text)) continue;
            // Resolved when the sentence it leans on, the one before it in the same abstract, is quoted right before it.
            if (i > 0 && quotes[i - 1].N == quotes[i].N && Follows(quotes[i - 1].Text, quotes[i].Text, quotes[i].N)) continue;
            dangling++;
        }
        return new AnswerJudgement(quotes.Any(Answers), quotes.Count > 0 && Answers(quotes[0]), dangling, quotes.Count, [.. quotes.Select(quote => quote.Text)]);

        bool Follows(string earlier, string later, int n)
        {
            var paper = source?.N == n ? source : null;
            var abstractText = paper is null ? null : WordText.Normalise(paper.Abstract);
            // Without the abstract at hand, adjacent quotes of one paper are taken as written in its order.
            return abstractText is null || abstractText.Contains($"{WordText.Normalise(earlier)} {WordText.Normalise(later)}", StringComparison.Ordinal);
        }
    }

    /// <summary>A quote is of an answering sentence when its words are that sentence's, a leading connective perhaps left out.</summary>
    private static bool IsQuoteOf(string quote, string answer) =>
        quote.Length > 0 && answer.Contains(quote, StringComparison.Ordinal) && quote.Length >= 0.7 * answer.Length;

    /// <summary>Reads a labelled set: one <c>{"question", "asks", "paper_id", "title", "answers": [...]}</c> a line; a bad line is refused with its file and line.</summary>
    public static IReadOnlyList<FindingQuestion> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        var questions = new List<FindingQuestion>();
        foreach (var (line, number) in File.ReadLines(path).Select((line, i) => (line.Trim(), i + 1)))
        {
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
            FindingQuestion? question;
            try
            {
                question = JsonSerializer.Deserialize<FindingQuestion>(line, WireJson.Options);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{path}:{number}: not a labelled question ({exception.Message}).", exception);
            }
            var missing = question is null ? "question" : string.IsNullOrWhiteSpace(question.Question) ? "question"
                : string.IsNullOrWhiteSpace(question.PaperId) ? "paper_id"
                : question.Answers is not { Count: > 0 } ? "answers" : null;
            if (missing is not null) throw new InvalidDataException($"{path}:{number}: field \"{missing}\" is missing or empty.");
            questions.Add(question!);
        }
        return questions;
    }
}

/// <summary>A question of the labelled set: what it asks for (<c>result</c>, <c>method</c>, …), the paper that answers it and the sentences that do.</summary>
public sealed record FindingQuestion(string Question, string? Asks, string PaperId, string? Title, IReadOnlyList<string> Answers);

/// <summary>How one answer did: an answering sentence quoted anywhere, or first; how many quotes point back at nothing; what it quoted.</summary>
public sealed record AnswerJudgement(bool FindingHit, bool FirstHit, int Dangling, int Quoted, IReadOnlyList<string> Quotes);

public sealed record JudgedFinding(FindingQuestion Question, bool Retrieved, AnswerJudgement Before, AnswerJudgement After);

public sealed record FindingReport(IReadOnlyList<JudgedFinding> Questions)
{
    public int Count => Questions.Count;

    /// <summary>Share of questions whose answering paper is among the answer's sources: the ceiling for finding hit.</summary>
    public double Retrieved => Share(question => question.Retrieved);

    public FindingFigures Before => Figures(question => question.Before);

    public FindingFigures After => Figures(question => question.After);

    /// <summary>The figures of the questions that ask for one kind of answer.</summary>
    public FindingReport Asking(string asks) => new([.. Questions.Where(question => question.Question.Asks == asks)]);

    private FindingFigures Figures(Func<JudgedFinding, AnswerJudgement> answer) => new(
        Share(question => answer(question).FindingHit),
        Share(question => answer(question).FirstHit),
        Questions.Sum(question => answer(question).Dangling),
        Questions.Sum(question => answer(question).Quoted));

    private double Share(Func<JudgedFinding, bool> hit) => Questions.Count == 0 ? 0 : (double)Questions.Count(hit) / Questions.Count;
}

public sealed record FindingFigures(double FindingHit, double FirstHit, int DanglingQuotes, int Quoted);
