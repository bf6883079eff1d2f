using RagAssistant.Core.Papers;

namespace RagAssistant.Training.SentenceRoles;

/// <summary>Accuracy, macro-averaged F1 and each role's F1 of predicted against gold roles.</summary>
public sealed record RoleScores(double Accuracy, double MacroF1, IReadOnlyDictionary<string, double> F1ByRole, int Sentences)
{
    public static RoleScores Of(IReadOnlyList<SentenceRole> gold, IReadOnlyList<SentenceRole> predicted)
    {
        var pairs = gold.Zip(predicted).ToList();
        var f1 = Enum.GetValues<SentenceRole>().ToDictionary(
            role => role.ToString().ToLowerInvariant(),
            role =>
            {
                var truePositives = pairs.Count(pair => pair.First == role && pair.Second == role);
                var wrong = pairs.Count(pair => (pair.First == role) != (pair.Second == role));
                return truePositives == 0 ? 0.0 : 2.0 * truePositives / (2 * truePositives + wrong);
            });
        return new RoleScores(pairs.Count == 0 ? 0 : (double)pairs.Count(pair => pair.First == pair.Second) / pairs.Count, f1.Values.Average(), f1, pairs.Count);
    }

    /// <summary>How decoding settings are compared on the dev split: accuracy and macro-F1 weigh the same.</summary>
    public double Balanced => (Accuracy + MacroF1) / 2;
}
