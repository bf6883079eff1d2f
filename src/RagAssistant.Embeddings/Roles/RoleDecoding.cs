using RagAssistant.Core.Papers;

namespace RagAssistant.Embeddings.Roles;

/// <summary>
/// Reads an abstract's roles as a sequence rather than sentence by sentence: a Viterbi pass over the classifier's
/// probabilities and the chances of one role following another (an abstract rarely goes back from results to
/// background), estimated from the training abstracts. A sentence's score is log p(role | sentence) − <see cref="PriorWeight"/>
/// · log p(role) (the posterior turned part-way into a likelihood, so the frequent roles do not win every close call) and
/// each step adds <see cref="TransitionWeight"/> · log p(role | previous role); both weights are chosen on the dev split.
/// </summary>
public sealed record RoleDecoding(double[][] Transitions, double[] Prior, double TransitionWeight, double PriorWeight)
{
    public static readonly int Roles = Enum.GetValues<SentenceRole>().Length;

    /// <summary>Log chances from counts (add-one smoothed): one row per previous role and a last row for the first sentence.</summary>
    public static (double[][] Transitions, double[] Prior) Estimate(IEnumerable<IReadOnlyList<SentenceRole>> abstracts)
    {
        var counts = Enumerable.Range(0, Roles + 1).Select(_ => new double[Roles]).ToArray();
        var totals = new double[Roles];
        foreach (var roles in abstracts)
        {
            var previous = Roles;
            foreach (var role in roles)
            {
                counts[previous][(int)role]++;
                totals[(int)role]++;
                previous = (int)role;
            }
        }
        var transitions = counts.Select(row => row.Select(count => Math.Log((count + 1) / (row.Sum() + Roles))).ToArray()).ToArray();
        var prior = totals.Select(count => Math.Log((count + 1) / (totals.Sum() + Roles))).ToArray();
        return (transitions, prior);
    }

    /// <summary>The most likely roles of an abstract's sentences, given each sentence's probabilities in <see cref="SentenceRole"/> order.</summary>
    public SentenceRole[] Decode(IReadOnlyList<float[]> probabilities)
    {
        var n = probabilities.Count;
        if (n == 0) return [];
        var best = new double[n, Roles];
        var back = new int[n, Roles];
        for (var i = 0; i < n; i++)
        {
            for (var role = 0; role < Roles; role++)
            {
                var emission = Math.Log(Math.Max(1e-9, probabilities[i][role])) - PriorWeight * Prior[role];
                if (i == 0)
                {
                    best[0, role] = emission + TransitionWeight * Transitions[Roles][role];
                    continue;
                }
                var (score, from) = (double.NegativeInfinity, 0);
                for (var previous = 0; previous < Roles; previous++)
                {
                    var candidate = best[i - 1, previous] + TransitionWeight * Transitions[previous][role];
                    if (candidate > score) (score, from) = (candidate, previous);
                }
                best[i, role] = score + emission;
                back[i, role] = from;
            }
        }
        var roles = new SentenceRole[n];
        var last = Enumerable.Range(0, Roles).MaxBy(role => best[n - 1, role]);
        for (var i = n - 1; i >= 0; i--)
        {
            roles[i] = (SentenceRole)last;
            last = back[i, last];
        }
        return roles;
    }
}
