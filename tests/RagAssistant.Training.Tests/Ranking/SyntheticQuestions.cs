using RagAssistant.Core.Retrieval.Ranking;
using RagAssistant.Training.Ranking;

namespace RagAssistant.Training.Tests.Ranking;

/// <summary>
/// Judged questions made up for the trainer's tests, each a full <see cref="RankingFeatures"/> row per candidate: one
/// feature (the title's share of the question's terms) tells the relevant paper apart, while the fused order — the
/// candidates' order — puts it anywhere in the first ten. A ranker that learns lifts it; one that does not, cannot.
/// </summary>
internal static class SyntheticQuestions
{
    public const int Candidates = 20;

    public static IReadOnlyList<TrainingQuestion> Make(int count, int seed)
    {
        var random = new Random(seed);
        var telling = Column("title_terms_covered");
        var questions = new List<TrainingQuestion>(count);
        for (var q = 0; q < count; q++)
        {
            var relevantAt = random.Next(10);
            var ids = Enumerable.Range(0, Candidates).Select(i => $"q{q}-p{i}").ToList();
            var rows = ids.Select((_, i) =>
            {
                var row = new float[RankingFeatures.Names.Count];
                for (var f = 0; f < row.Length; f++) row[f] = (float)random.NextDouble();
                row[Column("fused_rank")] = i + 1;
                row[telling] = i == relevantAt ? 0.6f + 0.4f * (float)random.NextDouble() : 0.7f * (float)random.NextDouble();
                return row;
            }).ToList();
            questions.Add(new TrainingQuestion($"q{q}", $"question {q}", ids, rows, new Dictionary<string, int> { [ids[relevantAt]] = 1 }));
        }
        return questions;
    }

    public static int Column(string feature) => RankerTraining.Columns([feature])[0];
}
