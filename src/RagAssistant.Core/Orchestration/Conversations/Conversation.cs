namespace RagAssistant.Core.Orchestration.Conversations;

/// <summary>
/// The history of one conversation, bounded to the most recent turns: follow-ups are condensed against
/// it, and a language model sees it. Thread-safe, since a web page may ask while an answer is being recorded.
/// </summary>
public sealed class Conversation
{
    private readonly Lock _lock = new();
    private readonly List<ConversationTurn> _turns = [];

    public Conversation(string? id = null, int maxTurns = 6, IEnumerable<ConversationTurn>? turns = null)
    {
        Id = string.IsNullOrWhiteSpace(id) ? Guid.NewGuid().ToString("N") : id;
        MaxTurns = Math.Max(1, maxTurns);
        foreach (var turn in turns ?? []) Add(turn);
    }

    public string Id { get; }

    public int MaxTurns { get; }

    public IReadOnlyList<ConversationTurn> Turns
    {
        get
        {
            lock (_lock) return [.. _turns];
        }
    }

    public void Add(ConversationTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        lock (_lock)
        {
            _turns.Add(turn);
            if (_turns.Count > MaxTurns) _turns.RemoveRange(0, _turns.Count - MaxTurns);
        }
    }
}
