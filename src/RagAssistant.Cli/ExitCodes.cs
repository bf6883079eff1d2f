namespace RagAssistant.Cli;

/// <summary>The contract's exit codes (ARCHITECTURE.md §4).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int Usage = 2;
    public const int ServiceUnreachable = 3;
}
