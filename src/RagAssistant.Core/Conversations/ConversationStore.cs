using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// Conversations kept as one JSON Lines file each, in a folder per owner (<c>&lt;data dir&gt;/conversations/&lt;owner
/// digest&gt;/&lt;id&gt;.jsonl</c>), so that a page reload, a restart, a hub client reconnecting and a later <c>rag ask</c>
/// all find them again — and an id is looked up only among its owner's, so another owner's conversation of the same id
/// is never found, listed, continued or deleted. The first line names the conversation and its owner; each exchange is
/// appended as one more line, so a save never rewrites the history and a crash loses at most the line being written.
/// Memory is bounded: summaries of the owners who listed, and the latest exchanges of the conversations in use,
/// dropped once idle.
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
    // Both keyed by the owner's folder name; the transcripts by "<folder>/<id>".
    private readonly Dictionary<string, (ChatTranscript Transcript, DateTimeOffset LastUsed)> _inMemory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ConversationSummary>> _summaries = new(StringComparer.Ordinal);
    private bool _legacyMoved;

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

    /// <summary><paramref name="owner"/>'s conversation of that id, or null.</summary>
    public async Task<ChatTranscript?> FindAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(id)) return null;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await MoveLegacyFilesAsync(cancellationToken);
            return await TranscriptAsync(owner, id, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary><paramref name="owner"/>'s conversations, most recent first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(ConversationOwner owner, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await MoveLegacyFilesAsync(cancellationToken);
            return [.. (await SummariesAsync(owner, cancellationToken)).Values.OrderByDescending(s => s.Updated)];
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
            await MoveLegacyFilesAsync(cancellationToken);
            var owner = transcript.Owner;
            var summaries = await SummariesAsync(owner, cancellationToken);
            var current = await TranscriptAsync(owner, transcript.Id, cancellationToken);
            Directory.CreateDirectory(Path.Combine(_folder, owner.FolderName));
            var lines = new List<string>();
            if (current is null)
            {
                current = transcript with { Exchanges = [], Turns = [] };
                lines.Add(JsonSerializer.Serialize(new Header(current.Id, current.Title, current.Created, owner.Key), Json));
            }
            lines.Add(JsonSerializer.Serialize(new Entry(exchange, turn), Json));
            await File.AppendAllLinesAsync(PathOf(owner, transcript.Id), lines, cancellationToken);

            var now = _clock.GetUtcNow();
            var keep = Math.Max(1, _options.ExchangesInMemory);
            var updated = current with
            {
                Exchanges = [.. current.Exchanges.Append(exchange).TakeLast(keep)],
                Turns = turn is null ? current.Turns : [.. current.Turns.Append(turn).TakeLast(keep)],
                Updated = now,
            };
            _inMemory[MemoryKey(owner, updated.Id)] = (updated, now);
            var questions = summaries.TryGetValue(updated.Id, out var before) ? before.Questions + 1 : 1;
            summaries[updated.Id] = new ConversationSummary(updated.Id, updated.Title, now, questions);
            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes <paramref name="owner"/>'s conversation from memory and disk; false when they had none of that id.</summary>
    public async Task<bool> DeleteAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(id)) return false;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await MoveLegacyFilesAsync(cancellationToken);
            var summaries = await SummariesAsync(owner, cancellationToken);
            _inMemory.Remove(MemoryKey(owner, id));
            var path = PathOf(owner, id);
            var existed = summaries.Remove(id) | File.Exists(path);
            if (existed) File.Delete(path);
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

    private string PathOf(ConversationOwner owner, string id) => Path.Combine(_folder, owner.FolderName, id + Extension);

    private static string MemoryKey(ConversationOwner owner, string id) => owner.FolderName + "/" + id;

    /// <summary>Under the gate: from memory when recently used, else read from disk (its latest exchanges only).</summary>
    private async Task<ChatTranscript?> TranscriptAsync(ConversationOwner owner, string id, CancellationToken cancellationToken)
    {
        EvictIdle();
        var now = _clock.GetUtcNow();
        var key = MemoryKey(owner, id);
        if (_inMemory.TryGetValue(key, out var held))
        {
            _inMemory[key] = (held.Transcript, now);
            return held.Transcript;
        }
        var path = PathOf(owner, id);
        if (!File.Exists(path)) return null;
        var (transcript, _) = await ReadAsync(path, _options.ExchangesInMemory, cancellationToken);
        // The folder is the owner's, but the first line must say so too: a file copied in by hand is not trusted.
        if (transcript is null || transcript.Owner != owner || transcript.Id != id) return null;
        _inMemory[key] = (transcript, now);
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

    /// <summary>Under the gate: the summary of each of <paramref name="owner"/>'s conversations, read once from their folder.</summary>
    private async Task<Dictionary<string, ConversationSummary>> SummariesAsync(ConversationOwner owner, CancellationToken cancellationToken)
    {
        if (_summaries.TryGetValue(owner.FolderName, out var known)) return known;
        var summaries = new Dictionary<string, ConversationSummary>(StringComparer.Ordinal);
        var folder = Path.Combine(_folder, owner.FolderName);
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*" + Extension))
            {
                // Only one exchange is materialised per file: listing must not load every conversation.
                if (await ReadAsync(path, keep: 1, cancellationToken) is ({ } transcript, var questions)
                    && IsValidId(transcript.Id) && transcript.Owner == owner && path == PathOf(owner, transcript.Id))
                {
                    summaries[transcript.Id] = new ConversationSummary(transcript.Id, transcript.Title, transcript.Updated, questions);
                }
            }
        }
        _summaries[owner.FolderName] = summaries;
        return summaries;
    }

    /// <summary>
    /// Under the gate, once: conversations kept before owners were recorded lie directly in the folder; each moves into
    /// its owner's folder — the browser session that started it, else <see cref="ConversationOwner.Local"/>.
    /// </summary>
    private async Task MoveLegacyFilesAsync(CancellationToken cancellationToken)
    {
        if (_legacyMoved) return;
        if (Directory.Exists(_folder))
        {
            foreach (var path in Directory.EnumerateFiles(_folder, "*" + Extension).ToList())
            {
                if (await ReadAsync(path, keep: 1, cancellationToken) is not ({ } transcript, _) || !IsValidId(transcript.Id)) continue;
                var target = PathOf(transcript.Owner, transcript.Id);
                if (File.Exists(target)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var lines = (await File.ReadAllLinesAsync(path, cancellationToken)).ToList();
                lines[0] = JsonSerializer.Serialize(new Header(transcript.Id, transcript.Title, transcript.Created, transcript.Owner.Key), Json);
                await File.WriteAllLinesAsync(target, lines, cancellationToken);
                File.Delete(path);
                _logger.LogInformation("Moved conversation {Id} into the folder of its owner {Owner}", transcript.Id, transcript.Owner);
            }
        }
        _legacyMoved = true;
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
            return (new ChatTranscript(header.Id, header.OwnerOf(), header.Title, header.Created, updated, [.. entries.Select(e => e.Exchange)], [.. turns]), count);
        }
        catch (IOException exception)
        {
            _logger.LogWarning("Skipping conversation file {Path}: {Message}", path, exception.Message);
            return (null, 0);
        }
    }

    /// <summary>A conversation's first line. <paramref name="SessionId"/> is how files kept before owners named the browser session.</summary>
    private sealed record Header(
        string Id, string Title, DateTimeOffset Created, string? Owner = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId = null)
    {
        public ConversationOwner OwnerOf() =>
            Owner is { Length: > 0 } key ? ConversationOwner.FromKey(key)
            : SessionId is { Length: > 0 } session ? ConversationOwner.Session(session)
            : ConversationOwner.Local;
    }

    private sealed record Entry(ChatExchange Exchange, ConversationTurn? Turn);
}
