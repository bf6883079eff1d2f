using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// Conversations kept as one JSON Lines file each in a folder (<c>&lt;data dir&gt;/conversations</c>), so that a page
/// reload, a restart, a hub client reconnecting and a later <c>rag ask</c> all find them again. The first line names the
/// conversation; each exchange is appended as one more line, so a save never rewrites the history and a crash loses at
/// most the line being written. Memory is bounded: a summary of every conversation for listing, and the latest
/// exchanges of the conversations in use, dropped once idle.
/// </summary>
public sealed partial class ConversationStore
{
    public const string FolderName = "conversations";
    private const string Extension = ".jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly string _folder;
    private readonly ConversationOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (ChatTranscript Transcript, DateTimeOffset LastUsed)> _inMemory = new(StringComparer.Ordinal);
    private Dictionary<string, ConversationSummary>? _summaries;

    public ConversationStore(string folder, ConversationOptions options, TimeProvider clock, ILogger<ConversationStore> logger)
    {
        _folder = Path.GetFullPath(folder);
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Ids are file names, so only these are accepted: no separators, dots or anything else a path could use.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string NewId() => Guid.NewGuid().ToString("N");

    public async Task<ChatTranscript?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(id)) return null;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await TranscriptAsync(id, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The conversations a browser session started, most recent first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return [.. (await SummariesAsync(cancellationToken)).Values.Where(s => s.SessionId == sessionId).OrderByDescending(s => s.Updated)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Adds one exchange (and the history turn it produced, if any) to <paramref name="transcript"/>'s conversation,
    /// creating its file on the first one; returns the conversation as now kept in memory.
    /// </summary>
    public async Task<ChatTranscript> AppendAsync(ChatTranscript transcript, ChatExchange exchange, ConversationTurn? turn, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(transcript.Id)) throw new ArgumentException($"\"{transcript.Id}\" is not a conversation id.", nameof(transcript));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var summaries = await SummariesAsync(cancellationToken);
            var current = await TranscriptAsync(transcript.Id, cancellationToken);
            Directory.CreateDirectory(_folder);
            var lines = new List<string>();
            if (current is null)
            {
                current = transcript with { Exchanges = [], Turns = [] };
                lines.Add(JsonSerializer.Serialize(new Header(current.Id, current.SessionId, current.Title, current.Created), Json));
            }
            lines.Add(JsonSerializer.Serialize(new Entry(exchange, turn), Json));
            await File.AppendAllLinesAsync(PathOf(transcript.Id), lines, cancellationToken);

            var now = _clock.GetUtcNow();
            var keep = Math.Max(1, _options.ExchangesInMemory);
            var updated = current with
            {
                Exchanges = [.. current.Exchanges.Append(exchange).TakeLast(keep)],
                Turns = turn is null ? current.Turns : [.. current.Turns.Append(turn).TakeLast(keep)],
                Updated = now,
            };
            _inMemory[updated.Id] = (updated, now);
            var questions = summaries.TryGetValue(updated.Id, out var before) ? before.Questions + 1 : 1;
            summaries[updated.Id] = new ConversationSummary(updated.Id, updated.SessionId, updated.Title, now, questions);
            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes the conversation from memory and disk; false when there was none of that id.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(id)) return false;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var summaries = await SummariesAsync(cancellationToken);
            _inMemory.Remove(id);
            var existed = summaries.Remove(id) | File.Exists(PathOf(id));
            File.Delete(PathOf(id));
            return existed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How many conversations hold their exchanges in memory now (the rest are summaries only).</summary>
    public int InMemoryCount
    {
        get
        {
            _gate.Wait();
            try
            {
                EvictIdle();
                return _inMemory.Count;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private string PathOf(string id) => Path.Combine(_folder, id + Extension);

    /// <summary>Under the gate: from memory when recently used, else read from disk (its latest exchanges only).</summary>
    private async Task<ChatTranscript?> TranscriptAsync(string id, CancellationToken cancellationToken)
    {
        EvictIdle();
        var now = _clock.GetUtcNow();
        if (_inMemory.TryGetValue(id, out var held))
        {
            _inMemory[id] = (held.Transcript, now);
            return held.Transcript;
        }
        var path = PathOf(id);
        if (!File.Exists(path)) return null;
        var (transcript, _) = await ReadAsync(path, _options.ExchangesInMemory, cancellationToken);
        if (transcript is not null) _inMemory[id] = (transcript, now);
        return transcript;
    }

    private void EvictIdle()
    {
        var now = _clock.GetUtcNow();
        foreach (var (id, held) in _inMemory.ToList())
        {
            if (now - held.LastUsed >= _options.IdleAfter) _inMemory.Remove(id);
        }
    }

    /// <summary>Under the gate: every conversation's summary, read once from the folder.</summary>
    private async Task<Dictionary<string, ConversationSummary>> SummariesAsync(CancellationToken cancellationToken)
    {
        if (_summaries is { } known) return known;
        var summaries = new Dictionary<string, ConversationSummary>(StringComparer.Ordinal);
        if (Directory.Exists(_folder))
        {
            foreach (var path in Directory.EnumerateFiles(_folder, "*" + Extension))
            {
                // Only one exchange is materialised per file: listing must not load every conversation.
                if (await ReadAsync(path, keep: 1, cancellationToken) is ({ } transcript, var questions) && IsValidId(transcript.Id))
                {
                    summaries[transcript.Id] = new ConversationSummary(transcript.Id, transcript.SessionId, transcript.Title, transcript.Updated, questions);
                }
            }
        }
        return _summaries = summaries;
    }

    /// <summary>Reads a conversation file keeping its latest <paramref name="keep"/> exchanges, and counts them all; null when it is not one.</summary>
    private async Task<(ChatTranscript? Transcript, int Exchanges)> ReadAsync(string path, int keep, CancellationToken cancellationToken)
    {
        try
        {
            Header? header = null;
            var entries = new Queue<Entry>();
            var turns = new Queue<ConversationTurn>();
            var count = 0;
            var number = 0;
            await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
            {
                number++;
                if (line.Length == 0) continue;
                try
                {
                    if (header is null)
                    {
                        header = JsonSerializer.Deserialize<Header>(line, Json);
                        if (header is null) return (null, 0);
                        continue;
                    }
                    if (JsonSerializer.Deserialize<Entry>(line, Json) is not { Exchange: not null } entry) continue;
                    count++;
                    entries.Enqueue(entry);
                    if (entries.Count > keep) entries.Dequeue();
                    if (entry.Turn is not null)
                    {
                        turns.Enqueue(entry.Turn);
                        if (turns.Count > Math.Max(keep, _options.ExchangesInMemory)) turns.Dequeue();
                    }
                }
                catch (JsonException exception)
                {
                    // A line cut short by a crash, or damaged by hand: the other exchanges are still worth keeping.
                    _logger.LogWarning("Skipping line {Line} of conversation file {Path}: {Message}", number, path, exception.Message);
                    if (header is null) return (null, 0);
                }
            }
            if (header is null) return (null, 0);
            var updated = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
            return (new ChatTranscript(header.Id, header.SessionId, header.Title, header.Created, updated, [.. entries.Select(e => e.Exchange)], [.. turns]), count);
        }
        catch (IOException exception)
        {
            _logger.LogWarning("Skipping conversation file {Path}: {Message}", path, exception.Message);
            return (null, 0);
        }
    }

    private sealed record Header(string Id, string? SessionId, string Title, DateTimeOffset Created);

    private sealed record Entry(ChatExchange Exchange, ConversationTurn? Turn);
}
