using System.Collections.Concurrent;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// The questions this store instance is answering right now. Their pending lines are kept like any other, but here they
/// are answers still coming, not interrupted ones; another process sees them as interrupted, which they are if this one stops.
/// </summary>
public sealed class AnswersInFlight
{
    private readonly ConcurrentDictionary<(string Owner, string Id, string Question, DateTimeOffset AskedAt), byte> _answering = new();

    public void Start(ChatTranscript transcript, PendingQuestion question) =>
        _answering[(transcript.Owner.Key, transcript.Id, question.Question, question.AskedAt)] = 0;

    /// <summary>Ends the answer to that question; true when this instance was answering it.</summary>
    public bool End(ChatTranscript transcript, string question, DateTimeOffset askedAt) =>
        _answering.TryRemove((transcript.Owner.Key, transcript.Id, question, askedAt), out _);

    public bool Any(ConversationOwner owner, string id) => _answering.Keys.Any(key => key.Owner == owner.Key && key.Id == id);

    /// <summary>Whether a pending question of <paramref name="owner"/>'s conversation <paramref name="id"/> is being answered here.</summary>
    public Func<PendingQuestion, bool> Of(ConversationOwner owner, string id) =>
        question => _answering.ContainsKey((owner.Key, id, question.Question, question.AskedAt));
}
