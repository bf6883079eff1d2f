using Microsoft.Extensions.Logging;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// Conversations kept before owners were recorded lie directly in the conversations folder. Each moves into its
/// owner's folder — the browser session that started it, else <see cref="ConversationOwner.Local"/> — once, at the
/// first use of the store.
/// </summary>
internal static class LegacyConversationFiles
{
    public static async Task MoveAsync(string folder, Func<ConversationOwner, string, string> pathOf, ILogger logger, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.EnumerateFiles(folder, "*" + FileConversationStore.Extension).ToList())
        {
            var lines = (await File.ReadAllLinesAsync(path, cancellationToken)).ToList();
            var first = lines.FindIndex(line => line.Length > 0);
            if (first < 0 || HeaderOf(lines[first]) is not { } header || !ConversationIds.IsValid(header.Id)) continue;
            var owner = header.OwnerOf();
            var target = pathOf(owner, header.Id);
            if (File.Exists(target)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            lines[first] = ConversationLines.Header(header.Id, header.Title, header.Created, owner);
            await File.WriteAllLinesAsync(target, lines, cancellationToken);
            File.Delete(path);
            logger.LogInformation("Moved conversation {Id} into the folder of its owner {Owner}", header.Id, owner);
        }
    }

    private static ConversationHeader? HeaderOf(string line)
    {
        try
        {
            return ConversationLines.ReadHeader(line);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
