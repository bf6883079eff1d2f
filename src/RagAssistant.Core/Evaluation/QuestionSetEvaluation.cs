using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Evaluation;

/// <summary>
/// Asks every judged question of a set (<see cref="JudgedQuestionFile"/>) as an answer and as a search for its subject,
/// and scores both by kind: for a question about one paper, whether the answer cites it and cites it first, and where
/// search puts it; for a topic, the share of cited papers on the topic and of the topic's papers cited; for a question
/// nothing answers, whether it is declined with no citation.
/// </summary>
public static class QuestionSetEvaluation
{
    public static async Task<QuestionSetReport> RunAsync(
        AnswerOrchestrator orchestrator, PaperSearch search, SearchMode mode, IReadOnlyList<JudgedQuestion> questions, CancellationToken cancellationToken = default)
    {
        var judged = new List<JudgedAnswer>(questions.Count);
        foreach (var question in questions)
        {
            var answer = await AnswerEvaluation.AskAsync(orchestrator, question.Question, cancellationToken);
            var found = await search.SearchAsync(QuestionIntent.Subject(question.Question), 10, mode, cancellationToken: cancellationToken);
            judged.Add(new JudgedAnswer(question, answer.Covered, answer.CitedPaperIds, [.. found.Select(hit => hit.Paper.Id)]));
        }

        var single = judged.Where(entry => entry.Question.Kind is QuestionKind.Named or QuestionKind.Paper).ToList();
        var topics = judged.Where(entry => entry.Question.Kind == QuestionKind.Topic).ToList();
        var unanswerable = judged.Where(entry => entry.Question.Kind == QuestionKind.Unanswerable).ToList();
        var cited = single.Sum(entry => entry.Cited.Count);
        var topicCited = topics.Sum(entry => entry.Cited.Count);
        return new QuestionSetReport(
            single.Count,
            Share(single, entry => entry.Cited.Any(entry.Question.Relevant.Contains)),
            Share(single, entry => entry.Cited.Count > 0 && entry.Question.Relevant.Contains(entry.Cited[0])),
            cited == 0 ? 0 : (double)single.Sum(entry => entry.Cited.Count(entry.Question.Relevant.Contains)) / cited,
            Share(single, entry => !entry.Covered),
            Share(single, entry => entry.Found.Count > 0 && entry.Question.Relevant.Contains(entry.Found[0])),
            single.Select(Ndcg).DefaultIfEmpty(0).Average(),
            topics.Count,
            topicCited == 0 ? 0 : (double)topics.Sum(entry => entry.Cited.Count(entry.Question.Relevant.Contains)) / topicCited,
            topics.Select(entry => (double)entry.Cited.Count(entry.Question.Relevant.Contains) / entry.Question.Relevant.Count).DefaultIfEmpty(0).Average(),
            topics.Select(Ndcg).DefaultIfEmpty(0).Average(),
            topics.Select(entry => (double)entry.Found.Count(entry.Question.Relevant.Contains) / Math.Min(10, entry.Question.Relevant.Count)).DefaultIfEmpty(0).Average(),
            unanswerable.Count,
            unanswerable.Count(entry => !entry.Covered && entry.Cited.Count == 0),
            judged);

        static double Ndcg(JudgedAnswer entry) => RetrievalMetrics.Ndcg(entry.Found, entry.Question.Relevant.ToDictionary(id => id, _ => 1), 10);
    }

    private static double Share(IReadOnlyList<JudgedAnswer> answers, Func<JudgedAnswer, bool> holds) =>
        answers.Count == 0 ? 0 : (double)answers.Count(holds) / answers.Count;

    /// <summary>One question's answer (covered or declined, the papers cited in order) and its search's first ten papers.</summary>
    public sealed record JudgedAnswer(JudgedQuestion Question, bool Covered, IReadOnlyList<string> Cited, IReadOnlyList<string> Found);
}

/// <summary>
/// The figures of a judged question set. Single-paper questions (named or described): the answer cites the paper
/// (<paramref name="CiteHit"/>), cites it first (<paramref name="Top1Hit"/>), the share of cited papers that are it, the
/// share declined, and search's first hit and nDCG@10. Topics: the share of cited papers on the topic, the mean share of
/// the topic's papers cited, search's nDCG@10 and recall@10. Unanswerable: how many were declined with no citation.
/// </summary>
public sealed record QuestionSetReport(
    int SinglePaperQuestions, double CiteHit, double Top1Hit, double CitedPrecision, double Refused, double SearchFirstHit, double SearchNdcgAt10,
    int TopicQuestions, double CitedOnTopic, double OnTopicCited, double TopicSearchNdcgAt10, double TopicSearchRecallAt10,
    int UnanswerableQuestions, int DeclinedWithoutCitation,
    IReadOnlyList<QuestionSetEvaluation.JudgedAnswer> Answers);
