namespace RagAssistant.Web.Chat;

/// <summary>The <c>ChatUi</c> configuration section: how the page paces a streamed answer and what it suggests.</summary>
public sealed class ChatUiOptions
{
    public const string Section = "ChatUi";

    /// <summary>
    /// How often the page reveals more of the received answer. A writer that delivers whole sentences at once (the
    /// extractive one) would otherwise paint the answer in one jump; zero shows text as soon as it arrives.
    /// </summary>
    public TimeSpan RevealInterval { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Words revealed per tick at least; a larger backlog is revealed faster, so the page never lags far behind.</summary>
    public int RevealWordsPerTick { get; set; } = 3;

    /// <summary>Starter questions offered on an empty chat.</summary>
    public int StarterQuestions { get; set; } = 4;
}
