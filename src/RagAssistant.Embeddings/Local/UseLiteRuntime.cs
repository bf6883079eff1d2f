using Microsoft.ML.OnnxRuntime;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Runs the encoder graph in ONNX Runtime. One session serves all callers: <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is safe to call concurrently, and each call spreads its matrix products over the machine's cores.
/// </summary>
internal sealed class UseLiteRuntime : IDisposable
{
    private static readonly string[] InputNames = [UseLiteOnnxGraph.TokenIdsInput, UseLiteOnnxGraph.TokenMaskInput];
    private static readonly string[] OutputNames = [UseLiteOnnxGraph.EmbeddingOutput];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    private UseLiteRuntime(InferenceSession session, int maxTokens, int dimensions)
    {
        _session = session;
        MaxTokens = maxTokens;
        Dimensions = dimensions;
    }

    public int MaxTokens { get; }

    public int Dimensions { get; }

    public static UseLiteRuntime Create(UseLiteWeights weights)
    {
        var graph = UseLiteOnnxGraph.Build(weights);
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        return new UseLiteRuntime(new InferenceSession(graph, options), weights.MaxTokens, weights.Dimensions);
    }

    /// <summary>
    /// Embeds token sequences in one run. Like the original graph, only the first <see cref="MaxTokens"/> tokens of
    /// a sequence count, and an empty sequence yields the projection of a zero vector rather than NaN.
    /// </summary>
    public float[][] Embed(IReadOnlyList<int[]> sequences)
    {
        if (sequences.Count == 0)
        {
            return [];
        }

        // At least one column, so a batch of empty sequences still has a valid shape; the mask hides it.
        var length = Math.Max(1, sequences.Max(s => Math.Min(s.Length, MaxTokens)));
        var ids = new long[sequences.Count * length];
        var mask = new float[sequences.Count * length];
        for (var row = 0; row < sequences.Count; row++)
        {
            var tokens = sequences[row].AsSpan(0, Math.Min(sequences[row].Length, MaxTokens));
            for (var position = 0; position < tokens.Length; position++)
            {
                ids[(row * length) + position] = tokens[position];
                mask[(row * length) + position] = 1f;
            }
        }

        long[] shape = [sequences.Count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var outputs = _session.Run(_runOptions, InputNames, [idsValue, maskValue], OutputNames);

        var flat = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[sequences.Count][];
        for (var row = 0; row < vectors.Length; row++)
        {
            vectors[row] = flat.Slice(row * Dimensions, Dimensions).ToArray();
        }

        return vectors;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
