using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;

namespace RagAssistant.Web.Chat;

/// <summary>
/// Conversations kept as one JSON file each under <c>&lt;data dir&gt;/conversations</c>, so that a page reload, a
/// restart of the app, and a hub client reconnecting all find them again. Files are replaced atomically; the
/// whole set is read once and then served from memory.
/// </summary>
public sealed partial class ConversationStore
{
    public const string FolderName = "conversations";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly string _folder;
    private readonly ILogger<ConversationStore> _logger;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private ConcurrentDictionary<string, ChatTranscript>? _transcripts;

    public ConversationStore(IOptions<RagOptions> options, ILogger<ConversationStore> logger)
    {
        _folder = Path.Combine(options.Value.DataDirFullPath, FolderName);
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
        return (await AllAsync(cancellationToken)).GetValueOrDefault(id);
    }

    /// <summary>The conversations a browser session started, most recent first.</summary>
    public async Task<IReadOnlyList<ChatTranscript>> ListAsync(string sessionId, CancellationToken cancellationToken = default) =>
        [.. (await AllAsync(cancellationToken)).Values.Where(t => t.SessionId == sessionId).OrderByDescending(t => t.Updated)];

    public async Task SaveAsync(ChatTranscript transcript, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(transcript.Id)) throw new ArgumentException($"\"{transcript.Id}\" is not a conversation id.", nameof(transcript));
        var all = await AllAsync(cancellationToken);
        Directory.CreateDirectory(_folder);
        var path = PathOf(transcript.Id);
        // A unique temporary name: two saves of one conversation may overlap (a hub client asking twice at once).
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, transcript, Json, cancellationToken);
        }
        File.Move(temporary, path, overwrite: true);
        all[transcript.Id] = transcript;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(id)) return;
        var all = await AllAsync(cancellationToken);
        all.TryRemove(id, out _);
        File.Delete(PathOf(id));
    }

    private string PathOf(string id) => Path.Combine(_folder, id + ".json");

    private async Task<ConcurrentDictionary<string, ChatTranscript>> AllAsync(CancellationToken cancellationToken)
    {
        if (_transcripts is { } loaded) return loaded;
        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            return _transcripts ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _loadLock.Release();
        }
    }

    private async Task<ConcurrentDictionary<string, ChatTranscript>> LoadAsync(CancellationToken cancellationToken)
    {
        var transcripts = new ConcurrentDictionary<string, ChatTranscript>(StringComparer.Ordinal);
        if (!Directory.Exists(_folder)) return transcripts;
        foreach (var path in Directory.EnumerateFiles(_folder, "*.json"))
        {
            try
            {
                await using var stream = File.OpenRead(path);
                if (await JsonSerializer.DeserializeAsync<ChatTranscript>(stream, Json, cancellationToken) is { } transcript && IsValidId(transcript.Id))
                {
                    transcripts[transcript.Id] = transcript;
                }
            }
            catch (Exception exception) when (exception is JsonException or IOException)
            {
                // One damaged file must not hide the other conversations.
                _logger.LogWarning("Skipping conversation file {Path}: {Message}", path, exception.Message);
            }
        }
        return transcripts;
    }
}
