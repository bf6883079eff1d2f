using System.Text.Json;
using RagAssistant.Core.Orchestration.Events;

namespace RagAssistant.Core.Orchestration.Conversations;

/// <summary>
/// A conversation kept in a JSON file, so that <c>rag ask --conversation chat.json</c> can ask a follow-up
/// in a later process. A missing file starts a new conversation; the file is replaced atomically on save.
/// </summary>
public static class ConversationFile
{
    public static async Task<Conversation> LoadAsync(string path, int maxTurns, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) return new Conversation(maxTurns: maxTurns);
        await using var stream = File.OpenRead(path);
        Stored? stored;
        try
        {
            stored = await JsonSerializer.DeserializeAsync<Stored>(stream, AnswerEventJson.Options, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{path} is not a conversation file: {exception.Message}", exception);
        }
        return new Conversation(stored?.Id, maxTurns, stored?.Turns);
    }

    public static async Task SaveAsync(string path, Conversation conversation, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, new Stored(conversation.Id, conversation.Turns), AnswerEventJson.Options, cancellationToken);
        }
        File.Move(temporary, full, overwrite: true);
    }

    private sealed record Stored(string Id, IReadOnlyList<ConversationTurn> Turns);
}
