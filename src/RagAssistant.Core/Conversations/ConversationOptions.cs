namespace RagAssistant.Core.Conversations;

/// <summary>The <c>Conversations</c> configuration section: how much of the kept conversations stays in memory.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>A conversation nobody has read or asked in for this long leaves memory (it stays on disk).</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The latest exchanges of a conversation held in memory and shown on reload; older ones stay on disk.</summary>
    public int ExchangesInMemory { get; set; } = 50;
}
