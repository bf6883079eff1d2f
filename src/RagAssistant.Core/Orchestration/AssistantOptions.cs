namespace RagAssistant.Core.Orchestration;

/// <summary>
/// The <c>Chat</c> configuration section (environment form <c>Chat__Provider</c>, <c>Chat__Endpoint</c>, …):
/// which answer writer runs, and the knobs of retrieval and conversation that every writer shares.
/// </summary>
public sealed class AssistantOptions
{
    public const string Section = "Chat";

    /// <summary><c>extractive</c> (default: no model, answers from the abstracts' own sentences) or <c>openai</c>.</summary>
    public string Provider { get; set; } = ChatProviders.Extractive;

    /// <summary>
    /// OpenAI-compatible base URL for <c>openai</c>: unset for OpenAI itself, <c>http://localhost:11434/v1</c>
    /// for Ollama, <c>http://localhost:8000/v1</c> for vLLM, <c>http://localhost:1234/v1</c> for LM Studio,
    /// <c>https://&lt;resource&gt;.openai.azure.com/openai/v1/</c> for Azure OpenAI (the deployment name is the model).
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Key for the endpoint; local servers that need none may leave it unset.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Chat model (or Azure deployment) name, required for <c>openai</c>.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Most sources numbered (and cited) for a direct answer. Three: SciFact train claims have about one relevant paper
    /// each, so more sources add more unrelated citations than hits (README, Evaluation).
    /// </summary>
    public int MaxSources { get; set; } = 3;

    /// <summary>Most sources numbered for a literature summary, which ranges wider.</summary>
    public int MaxSummarySources { get; set; } = 8;

    /// <summary>Sentences in an extractive answer.</summary>
    public int MaxAnswerSentences { get; set; } = 4;

    /// <summary>Question/answer turns kept per conversation; older turns are dropped.</summary>
    public int MaxHistoryTurns { get; set; } = 6;

    /// <summary>
    /// Longest wait for the language model's next piece of text (the first one included) before the attempt counts as
    /// failed. Local models on a laptop can be slow to start; a hung endpoint must still not hang the answer.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Further attempts after a transient failure (timeout, connection refused, 408, 429, 5xx), before any text was shown.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When the language model cannot answer: true (default) says so in one line and answers with the extractive writer
    /// from the same sources; false ends the answer with an error.
    /// </summary>
    public bool FallbackToExtractive { get; set; } = true;

    /// <summary>
    /// <c>single</c> (default): search once, then one writer call. <c>agent</c> (needs <c>openai</c>): the model calls
    /// <c>search_papers</c> and <c>get_paper</c> as often as it needs, within <see cref="MaxToolCalls"/> and
    /// <see cref="AgentTimeBudget"/>, then writes.
    /// </summary>
    public string Mode { get; set; } = ChatModes.Single;

    /// <summary>Agent mode: most tool calls in one answer; the next call stops the search and the answer is written from what was found.</summary>
    public int MaxToolCalls { get; set; } = 6;

    /// <summary>Agent mode: no further tool call starts after this long; the answer is written from what was found.</summary>
    public TimeSpan AgentTimeBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// With a model, in single mode: one extra model call scores every candidate paper 0–10 for the question, and papers under
    /// <see cref="MinEvidenceScore"/> are dropped before writing. Off by default: it costs a round trip before the first word.
    /// </summary>
    public bool EvidenceStep { get; set; }

    /// <summary>Least evidence score (0–10) a paper needs to stay a source when <see cref="EvidenceStep"/> is on.</summary>
    public int MinEvidenceScore { get; set; } = 5;

    /// <summary>Where the prompt functions live; unset is <c>prompts/</c> beside the program (the build copies it there); a relative path is read from the current directory.</summary>
    public string? PromptsDir { get; set; }
}

/// <summary>The values of <see cref="AssistantOptions.Provider"/>.</summary>
public static class ChatProviders
{
    public const string Extractive = "extractive";
    public const string OpenAI = "openai";
}

/// <summary>The values of <see cref="AssistantOptions.Mode"/>.</summary>
public static class ChatModes
{
    public const string Single = "single";
    public const string Agent = "agent";
}
