namespace RagAssistant.Reliability.Tests.Support;

/// <summary>
/// Sizes of the fuzz and load runs. The defaults keep this project well under three minutes on a 2-core CI machine;
/// the environment variables (README, Reliability: longer runs) make longer runs opt-in, e.g. RAG_FUZZ_CASES=200000.
/// </summary>
internal static class Budget
{
    public static int FuzzCases => Read("RAG_FUZZ_CASES", 3000);

    public static int FuzzFiles => Read("RAG_FUZZ_FILES", 300);

    /// <summary>The random seed; a failing run prints it so the same cases can be replayed.</summary>
    public static int FuzzSeed => Read("RAG_FUZZ_SEED", Environment.TickCount & 0x7fffffff);

    /// <summary>Random texts per surface in the Unicode property test (the page and the CLI take a quarter and a tenth).</summary>
    public static int UnicodeCases => Read("RAG_UNICODE_CASES", 40);

    public static int LoadConversations => Read("RAG_LOAD_CONVERSATIONS", 100);

    public static int LoadTurns => Read("RAG_LOAD_TURNS", 2);

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
