using System.Text.RegularExpressions;

namespace RagAssistant.Core.Conversations;

/// <summary>What a conversation id may be: it names a file and a Redis key, so nothing a path could use.</summary>
public static partial class ConversationIds
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();

    /// <summary>1 to 64 letters, digits, '-' or '_': no separators, dots or anything else a path could use.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string New() => Guid.NewGuid().ToString("N");
}
