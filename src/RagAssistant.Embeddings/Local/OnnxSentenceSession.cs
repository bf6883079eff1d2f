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
    public float[][] Embed(IReadOnlyList<int[]> windows)
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
        var vectors = new float[windows.Count][];
        for (var row = 0; row < windows.Count; row++)
        {
            var rowStates = hidden.Slice(row * length * dimensions, length * dimensions);
            var vector = new float[dimensions];
            if (_model.Pooling == TokenPooling.Cls)
            {
                rowStates[..dimensions].CopyTo(vector);
            }
            else
            {
                // Padding positions are left out; [CLS] and [SEP] count, as in sentence-transformers' mean pooling.
                var tokens = windows[row].Length + 2;
                for (var position = 0; position < tokens; position++)
                {
                    TensorPrimitives.Add(vector, rowStates.Slice(position * dimensions, dimensions), vector);
                }

                TensorPrimitives.Divide(vector, tokens, vector);
            }

            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            vectors[row] = vector;
        }

        return vectors;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
