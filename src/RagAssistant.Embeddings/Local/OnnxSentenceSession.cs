using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Runs a sentence-transformer graph (inputs input_ids, attention_mask, token_type_ids as int64 [batch, sequence];
/// output last_hidden_state [batch, sequence, dimensions]) and pools each row into a unit-length sentence vector.
/// One session serves all callers: ONNX Runtime allows concurrent Run calls on a session.
/// </summary>
internal sealed class OnnxSentenceSession : IDisposable
{
    private const string HiddenStateOutput = "last_hidden_state";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = [HiddenStateOutput];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly LocalModel _model;
    private readonly WordPieceTokenizer _tokenizer;

    public OnnxSentenceSession(byte[] onnxModel, LocalModel model, WordPieceTokenizer tokenizer)
    {
        _model = model;
        _tokenizer = tokenizer;
        using var options = new SessionOptions
        {
            // Extended level fuses attention, LayerNorm and GELU into single kernels: the transformer speed-ups.
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Clamp(Environment.ProcessorCount, 1, 4),
            InterOpNumThreads = 1,
        };
        // Idle worker threads would otherwise spin on the cores that the web server and Qdrant need.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(onnxModel, options);
        if (!_session.OutputMetadata.ContainsKey(HiddenStateOutput))
        {
            throw new InvalidOperationException($"The ONNX graph of {model.Name} has no '{HiddenStateOutput}' output.");
        }
    }

    /// <summary>
    /// Sentence vectors for word-piece windows of at most <see cref="LocalModel.MaxTextTokens"/> tokens each, run as
    /// one padded batch: callers group windows of similar length so padding stays small.
    /// </summary>
    public float[][] Embed(IReadOnlyList<int[]> windows) => Run(windows, (states, row) => WindowVector(states, windows[row].Length));

    /// <summary>
    /// As <see cref="Embed"/>, and from the same run, for each window the unit-length mean of the token states over each
    /// of its spans, given as word-piece ranges of the window (0 is its first word piece, after [CLS]); an empty span
    /// gets an empty vector.
    /// </summary>
    public (float[] Vector, float[][] Spans)[] EmbedWithSpans(IReadOnlyList<int[]> windows, IReadOnlyList<IReadOnlyList<Range>> spans) =>
        Run(windows, (states, row) =>
        {
            var pooled = new float[spans[row].Count][];
            for (var s = 0; s < pooled.Length; s++)
            {
                var (offset, length) = spans[row][s].GetOffsetAndLength(windows[row].Length);
                pooled[s] = length == 0 ? [] : Normalised(Mean(states, 1 + offset, length));
            }

            return (WindowVector(states, windows[row].Length), pooled);
        });

    /// <summary>The sentence vector of one window, pooled as the model was trained to pool.</summary>
    private float[] WindowVector(ReadOnlySpan<float> states, int windowLength) =>
        Normalised(_model.Pooling == TokenPooling.Cls
            ? states[.._model.Dimensions].ToArray()
            // Padding positions are left out; [CLS] and [SEP] count, as in sentence-transformers' mean pooling.
            : Mean(states, 0, windowLength + 2));

    /// <summary>Runs the windows as one padded batch and hands each row's token states to <paramref name="pool"/>.</summary>
    private T[] Run<T>(IReadOnlyList<int[]> windows, RowPooling<T> pool)
    {
        if (windows.Count == 0)
        {
            return [];
        }

        var length = windows.Max(window => window.Length) + 2;
        if (length > _model.MaxSequenceTokens)
        {
            throw new ArgumentException($"A window of {length - 2} word pieces exceeds {_model.Name}'s {_model.MaxTextTokens}.", nameof(windows));
        }

        var ids = new long[windows.Count * length];
        var mask = new long[windows.Count * length];
        var types = new long[windows.Count * length];
        Array.Fill(ids, _tokenizer.PaddingId);
        for (var row = 0; row < windows.Count; row++)
        {
            var rowStart = row * length;
            ids[rowStart] = _tokenizer.ClassificationId;
            for (var i = 0; i < windows[row].Length; i++)
            {
                ids[rowStart + 1 + i] = windows[row][i];
            }

            ids[rowStart + 1 + windows[row].Length] = _tokenizer.SeparatorId;
            mask.AsSpan(rowStart, windows[row].Length + 2).Fill(1);
        }

        long[] shape = [windows.Count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var outputs = _session.Run(_runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);

        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var dimensions = _model.Dimensions;
        var results = new T[windows.Count];
        for (var row = 0; row < windows.Count; row++)
        {
            results[row] = pool(hidden.Slice(row * length * dimensions, length * dimensions), row);
        }

        return results;
    }

    private float[] Mean(ReadOnlySpan<float> states, int firstPosition, int positions)
    {
        var dimensions = _model.Dimensions;
        var vector = new float[dimensions];
        for (var position = firstPosition; position < firstPosition + positions; position++)
        {
            TensorPrimitives.Add(vector, states.Slice(position * dimensions, dimensions), vector);
        }

        TensorPrimitives.Divide(vector, positions, vector);
        return vector;
    }

    private static float[] Normalised(float[] vector)
    {
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    private delegate T RowPooling<out T>(ReadOnlySpan<float> rowStates, int row);

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
