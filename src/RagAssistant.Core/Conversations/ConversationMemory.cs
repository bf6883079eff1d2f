namespace RagAssistant.Core.Conversations;

/// <summary>
/// What <see cref="FileConversationStore"/> holds in memory, so that a conversation in use is not read again for each
/// question: the latest exchanges of the conversations in use, dropped once idle, and the summaries of the owners who
/// listed. Touched only under the store's gate.
/// </summary>
internal sealed class ConversationMemory(ConversationOptions options, TimeProvider clock)
{
    // Keyed by "<owner folder>/<id>"; the summaries by owner folder, then id.
    private readonly Dictionary<string, (ChatTranscript Transcript, DateTimeOffset LastUsed)> _transcripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ConversationSummary>> _summaries = new(StringComparer.Ordinal);

    public int TranscriptCount
    {
        get
        {
            EvictIdle();
            return _transcripts.Count;
        }
    }

    /// <summary>The conversation when it was used recently (which counts as a use), else null.</summary>
    public ChatTranscript? Transcript(ConversationOwner owner, string id)
    {
        EvictIdle();
        var key = Key(owner, id);
        if (!_transcripts.TryGetValue(key, out var held)) return null;
        _transcripts[key] = (held.Transcript, clock.GetUtcNow());
        return held.Transcript;
    }

    public void Hold(ChatTranscript transcript) => _transcripts[Key(transcript.Owner, transcript.Id)] = (transcript, clock.GetUtcNow());

    public void Forget(ConversationOwner owner, string id) => _transcripts.Remove(Key(owner, id));

    public Dictionary<string, ConversationSummary>? Summaries(ConversationOwner owner) => _summaries.GetValueOrDefault(owner.FolderName);

    public void HoldSummaries(ConversationOwner owner, Dictionary<string, ConversationSummary> summaries) => _summaries[owner.FolderName] = summaries;

    private static string Key(ConversationOwner owner, string id) => owner.FolderName + "/" + id;

    private void EvictIdle()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, held) in _transcripts.ToList())
        {
            if (now - held.LastUsed >= options.IdleAfter) _transcripts.Remove(key);
        }
    }
}
