namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Groups word-piece windows for ONNX Runtime calls: shortest first, so each call is padded only to its own longest
/// window, at most <see cref="MaxWindowsPerRun"/> windows and <see cref="MaxTokensPerRun"/> padded tokens per call.
/// </summary>
internal static class WindowGroups
{
    /// <summary>Most windows per ONNX Runtime call: enough to amortise the call, few enough that a group spans similar lengths.</summary>
    public const int MaxWindowsPerRun = 16;

    /// <summary>Most padded tokens per call, which bounds the attention memory of a group of long windows.</summary>
    public const int MaxTokensPerRun = 4096;

    /// <summary>The windows' indices, in groups to run together.</summary>
    public static IEnumerable<int[]> ByLength(IReadOnlyList<int[]> windows)
    {
        var byLength = Enumerable.Range(0, windows.Count).OrderBy(i => windows[i].Length).ToArray();
        var start = 0;
        while (start < byLength.Length)
        {
            var end = start + 1;
            // Sorted ascending, so the window at 'end' would set the group's padded length.
            while (end < byLength.Length && end - start < MaxWindowsPerRun
                && (end - start + 1) * (windows[byLength[end]].Length + 2) <= MaxTokensPerRun)
            {
                end++;
            }

            yield return byLength[start..end];
            start = end;
        }
    }
}
