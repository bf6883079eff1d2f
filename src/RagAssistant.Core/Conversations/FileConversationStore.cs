using Microsoft.Extensions.Logging;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// Conversations kept as one JSON Lines file each (<see cref="ConversationLines"/>), in a folder per owner
/// (<c>&lt;data dir&gt;/conversations/&lt;owner digest&gt;/&lt;id&gt;.jsonl</c>), so that a page reload, a restart, a hub
/// client reconnecting and a later <c>rag ask</c> all find them again. Lines are only appended, so a save never rewrites
/// the history and a crash loses at most the line being written. The default store: one node, zero setup.
/// </summary>
public sealed class FileConversationStore : IConversationStore
{
    public const string FolderName = "conversations";
    internal const string Extension = ".jsonl";

    private readonly string _folder;
    private readonly ConversationOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConversationMemory _memory;
    private readonly AnswersInFlight _inFlight = new();
    private bool _legacyMoved;

    public FileConversationStore(string folder, ConversationOptions options, TimeProvider clock, ILogger<FileConversationStore> logger)
    {
        _folder = Path.GetFullPath(folder);
        _options = options;
        _clock = clock;
        _logger = logger;
        _memory = new ConversationMemory(options, clock);
    }

    public Task<ChatTranscript?> FindAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default) =>
        !ConversationIds.IsValid(id) ? Task.FromResult<ChatTranscript?>(null) : GatedAsync(() => TranscriptAsync(owner, id, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ConversationSummary>> ListAsync(ConversationOwner owner, CancellationToken cancellationToken = default) =>
        GatedAsync<IReadOnlyList<ConversationSummary>>(async () =>
            [.. (await SummariesAsync(owner, cancellationToken)).Values.OrderByDescending(s => s.Updated)], cancellationToken);

    public Task BeginAsync(ChatTranscript transcript, PendingQuestion question, CancellationToken cancellationToken = default) =>
        GatedAsync(async () =>
        {
            await WriteAsync(transcript, ConversationLines.Pending(question), cancellationToken);
            _inFlight.Start(transcript, question);
            return true;
        }, cancellationToken, transcript.Id);

    public Task<ChatTranscript> AppendAsync(ChatTranscript transcript, ChatExchange exchange, ConversationTurn? turn, CancellationToken cancellationToken = default) =>
        GatedAsync(async () =>
        {
            var owner = transcript.Owner;
            var summaries = await SummariesAsync(owner, cancellationToken);
            var current = await TranscriptAsync(owner, transcript.Id, cancellationToken) ?? transcript with { Exchanges = [], Turns = [] };
            await WriteAsync(transcript, ConversationLines.Exchange(exchange, turn), cancellationToken);
            _inFlight.End(transcript, exchange.Question, exchange.AskedAt);

            var now = _clock.GetUtcNow();
            var keep = Math.Max(1, _options.ExchangesInMemory);
            var updated = current with
            {
                Exchanges = [.. current.Exchanges.Append(exchange).TakeLast(keep)],
                Turns = turn is null ? current.Turns : [.. current.Turns.Append(turn).TakeLast(keep)],
                Updated = now,
            };
            _memory.Hold(updated);
            var questions = summaries.TryGetValue(updated.Id, out var before) ? before.Questions + 1 : updated.Exchanges.Count;
            summaries[updated.Id] = new ConversationSummary(updated.Id, updated.Title, now, questions);
            return updated;
        }, cancellationToken, transcript.Id);

    public Task WithdrawAsync(ChatTranscript transcript, PendingQuestion question, CancellationToken cancellationToken = default) =>
        GatedAsync(async () =>
        {
            var path = PathOf(transcript.Owner, transcript.Id);
            if (!File.Exists(path)) return false;
            await File.AppendAllLinesAsync(path, [ConversationLines.Withdrawn(question)], cancellationToken);
            _inFlight.End(transcript, question.Question, question.AskedAt);
            // The first question withdrawn leaves no conversation behind, as if it had never been asked.
            if (!_inFlight.Any(transcript.Owner, transcript.Id) && await TranscriptAsync(transcript.Owner, transcript.Id, cancellationToken) is null)
            {
                File.Delete(path);
            }
            return true;
        }, cancellationToken, transcript.Id);

    public Task<bool> DeleteAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default) =>
        !ConversationIds.IsValid(id) ? Task.FromResult(false) : GatedAsync(async () =>
        {
            var summaries = await SummariesAsync(owner, cancellationToken);
            _memory.Forget(owner, id);
            var path = PathOf(owner, id);
            var existed = summaries.Remove(id) | File.Exists(path);
            if (existed) File.Delete(path);
            return existed;
        }, cancellationToken);

    /// <summary>How many conversations hold their exchanges in memory now (the rest are summaries only).</summary>
    public int InMemoryCount
    {
        get
        {
            _gate.Wait();
            try
            {
                return _memory.TranscriptCount;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private string PathOf(ConversationOwner owner, string id) => Path.Combine(_folder, owner.FolderName, id + Extension);

    /// <summary>Runs <paramref name="work"/> under the gate, after moving the files kept before owners (once).</summary>
    private async Task<T> GatedAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken, string? id = null)
    {
        if (id is not null && !ConversationIds.IsValid(id)) throw new ArgumentException($"\"{id}\" is not a conversation id.", nameof(id));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_legacyMoved)
            {
                await LegacyConversationFiles.MoveAsync(_folder, PathOf, _logger, cancellationToken);
                _legacyMoved = true;
            }
            return await work();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Under the gate: appends one line to the conversation's file, creating it (with its first line) if need be.</summary>
    private async Task WriteAsync(ChatTranscript transcript, string line, CancellationToken cancellationToken)
    {
        var path = PathOf(transcript.Owner, transcript.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.AppendAllLinesAsync(path, File.Exists(path) ? [line] : [ConversationLines.Header(transcript), line], cancellationToken);
    }

    /// <summary>Under the gate: from memory when recently used, else read from disk (its latest exchanges only).</summary>
    private async Task<ChatTranscript?> TranscriptAsync(ConversationOwner owner, string id, CancellationToken cancellationToken)
    {
        if (_memory.Transcript(owner, id) is { } held) return held;
        var path = PathOf(owner, id);
        if (!File.Exists(path)) return null;
        var (transcript, _) = await ReadAsync(path, owner, id, _options.ExchangesInMemory, cancellationToken);
        if (transcript is not null) _memory.Hold(transcript);
        return transcript;
    }

    /// <summary>Under the gate: the summary of each of <paramref name="owner"/>'s conversations, read once from their folder.</summary>
    private async Task<Dictionary<string, ConversationSummary>> SummariesAsync(ConversationOwner owner, CancellationToken cancellationToken)
    {
        if (_memory.Summaries(owner) is { } known) return known;
        var summaries = new Dictionary<string, ConversationSummary>(StringComparer.Ordinal);
        var folder = Path.Combine(_folder, owner.FolderName);
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*" + Extension))
            {
                var id = Path.GetFileNameWithoutExtension(path);
                // Only one exchange is held per file: listing must not load every conversation.
                if (ConversationIds.IsValid(id) && await ReadAsync(path, owner, id, keep: 1, cancellationToken) is ({ } transcript, var questions))
                {
                    summaries[id] = new ConversationSummary(id, transcript.Title, transcript.Updated, questions);
                }
            }
        }
        _memory.HoldSummaries(owner, summaries);
        return summaries;
    }

    /// <summary>Reads a conversation file keeping its latest <paramref name="keep"/> exchanges, and counts them all; null when it is not <paramref name="owner"/>'s <paramref name="id"/>.</summary>
    private async Task<(ChatTranscript? Transcript, int Questions)> ReadAsync(
        string path, ConversationOwner owner, string id, int keep, CancellationToken cancellationToken)
    {
        try
        {
            var replay = new ConversationReplay(keep, _options.ExchangesInMemory, _inFlight.Of(owner, id),
                (line, message) => _logger.LogWarning("Skipping line {Line} of conversation file {Path}: {Message}", line, path, message));
            await foreach (var line in File.ReadLinesAsync(path, cancellationToken)) replay.Add(line);
            var read = replay.Build(new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
            // The folder is the owner's, but the first line must say so too: a file copied in by hand is not trusted.
            return read.Transcript is { } transcript && transcript.Owner == owner && transcript.Id == id ? read : (null, 0);
        }
        catch (IOException exception)
        {
            _logger.LogWarning("Skipping conversation file {Path}: {Message}", path, exception.Message);
            return (null, 0);
        }
    }
}
