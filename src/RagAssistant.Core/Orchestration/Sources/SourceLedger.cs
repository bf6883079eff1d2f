using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration.Sources;

/// <summary>
/// The numbered sources of one answer: every paper a step or a tool returned, numbered from 1 in the order it was
/// first returned, once. A paper returned again keeps its number, so <c>[n]</c> means one paper for the whole answer.
/// One per answer; the steps of an answer run one after another, so it needs no lock.
/// </summary>
public sealed class SourceLedger
{
    private readonly List<AnswerSource> _sources = [];
    private readonly Dictionary<string, AnswerSource> _byPaperId = new(StringComparer.Ordinal);

    /// <summary>All sources so far, in number order; grows as tools find papers.</summary>
    public IReadOnlyList<AnswerSource> Sources => _sources;

    public int Count => _sources.Count;

    /// <summary>The paper's source, numbered now unless it already has a number; the source's own <see cref="AnswerSource.N"/> is ignored.</summary>
    public AnswerSource Register(AnswerSource source)
    {
        if (_byPaperId.TryGetValue(source.PaperId, out var known)) return known;
        var numbered = source with { N = _sources.Count + 1 };
        _sources.Add(numbered);
        _byPaperId[numbered.PaperId] = numbered;
        return numbered;
    }

    public IReadOnlyList<AnswerSource> Register(IEnumerable<AnswerSource> sources) => [.. sources.Select(Register)];

    public bool Knows(string paperId) => _byPaperId.ContainsKey(paperId);
}
