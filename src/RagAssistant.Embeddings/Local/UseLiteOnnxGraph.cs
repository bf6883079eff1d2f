using RagAssistant.Embeddings.Local.Onnx;
using static RagAssistant.Embeddings.Local.Onnx.OnnxAttribute;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Expresses the Universal Sentence Encoder lite computation as an ONNX graph over its TensorFlow.js weights.
/// The TF graph is a two-layer pre-norm transformer wrapped in sparse-tensor plumbing (Where, ScatterNd, GatherNd)
/// that only drops padding; here the batch arrives dense with a mask instead, which gives the same numbers for every
/// real token and lets ONNX Runtime run plain batched matrix products.
/// </summary>
internal static class UseLiteOnnxGraph
{
    /// <summary>int64 [batch, length]: token ids, padded with 0.</summary>
    public const string TokenIdsInput = "token_ids";

    /// <summary>float [batch, length]: 1 for a token, 0 for padding.</summary>
    public const string TokenMaskInput = "token_mask";

    /// <summary>float [batch, 512]: L2-normalised sentence embeddings.</summary>
    public const string EmbeddingOutput = "embedding";

    public static byte[] Build(UseLiteWeights weights)
    {
        var g = new OnnxGraphBuilder();
        var ids = g.Int64Input(TokenIdsInput, "batch", "length");
        var mask = g.FloatInput(TokenMaskInput, "batch", "length");

        var table = g.Constant("token_embeddings", weights.TokenEmbeddings, weights.VocabularyRows, weights.EmbeddingWidth);
        var embedded = g.Node("Gather", [table, ids], Of("axis", 0L));
        var length = g.Node("Shape", [ids], Of("start", 1L), Of("end", 2L));
        var signalTable = g.Constant("timing_signal", TimingSignal(weights), weights.MaxTokens, weights.EmbeddingWidth);
        var timing = g.Node("Slice", [signalTable, g.Ints("slice_start", 0), length, g.Ints("slice_axis", 0)]);

        // The TF graph adds the timing signal to a copy of the embeddings, then adds the embeddings once more.
        var hidden = g.Node("Add", [embedded, g.Node("Add", [embedded, timing])]);

        // Padding keys get a large negative logit, as attention_bias_ignore_padding does: [batch, 1, 1, length].
        var padding = g.Node("Sub", [g.Scalar("one", 1f), mask]);
        var keyBias = g.Node("Unsqueeze", [g.Node("Mul", [padding, g.Scalar("padding_bias", weights.PaddingBias)]), g.Ints("bias_axes", 1, 2)]);

        for (var i = 0; i < weights.Layers.Count; i++)
        {
            hidden = TransformerLayer(g, $"layer{i}_", hidden, keyBias, weights.Layers[i], weights.LayerNormEpsilon);
        }

        // Mean over the real tokens; an empty row divides by 1 instead of 0, as the TF graph's Maximum does.
        var summed = g.Node("ReduceSum", [g.Node("Mul", [hidden, g.Node("Unsqueeze", [mask, g.Ints("mask_axis", 2)])]), g.Ints("token_axis", 1)], Of("keepdims", 0L));
        var count = g.Node("Max", [g.Node("ReduceSum", [mask, g.Ints("count_axis", 1)], Of("keepdims", 1L)), "one"]);
        var pooled = g.Node("Div", [summed, count]);

        var projected = g.Node("Tanh", [Dense(g, "projection", pooled, weights.Projection)]);
        var squared = g.Node("ReduceSumSquare", [projected], Of("axes", [1L]), Of("keepdims", 1L));
        var norm = g.Node("Sqrt", [g.Node("Max", [squared, g.Scalar("normalization_floor", weights.NormalizationFloor)])]);
        g.Identity(g.Node("Div", [projected, norm]), EmbeddingOutput);
        g.FloatOutput(EmbeddingOutput, "batch", weights.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture));

        return g.Build("use_lite");
    }

    private static string TransformerLayer(OnnxGraphBuilder g, string prefix, string input, string keyBias, TransformerLayerWeights layer, float epsilon)
    {
        var width = layer.QueryKeyValue.Outputs / 3;
        var headWidth = width / layer.Heads;

        var normalized = LayerNorm(g, prefix + "attention_norm", input, layer.AttentionNorm, epsilon);
        var qkv = Dense(g, prefix + "qkv", normalized, layer.QueryKeyValue);
        var parts = g.Node("Split", [qkv, g.Ints(prefix + "qkv_split", width, width, width)], 3, Of("axis", -1L));
        var headShape = g.Ints(prefix + "head_shape", 0, 0, layer.Heads, headWidth);

        var queries = g.Node("Transpose", [g.Node("Reshape", [parts[0], headShape])], Of("perm", 0, 2, 1, 3));
        var keys = g.Node("Transpose", [g.Node("Reshape", [parts[1], headShape])], Of("perm", 0, 2, 3, 1));
        var values = g.Node("Transpose", [g.Node("Reshape", [parts[2], headShape])], Of("perm", 0, 2, 1, 3));

        var scaled = g.Node("Mul", [queries, g.Scalar(prefix + "query_scale", layer.QueryScale)]);
        var logits = g.Node("Add", [g.Node("MatMul", [scaled, keys]), keyBias]);
        var attention = g.Node("Softmax", [logits], Of("axis", -1L));
        var context = g.Node("Transpose", [g.Node("MatMul", [attention, values])], Of("perm", 0, 2, 1, 3));
        var merged = g.Node("Reshape", [context, g.Ints(prefix + "merged_shape", 0, 0, width)]);
        var attended = Dense(g, prefix + "attention_output", merged, layer.AttentionOutput);

        var residual = layer.ResidualProjection is { } projection ? Dense(g, prefix + "residual", input, projection) : input;
        var afterAttention = g.Node("Add", [attended, residual]);

        var ffnInput = LayerNorm(g, prefix + "ffn_norm", afterAttention, layer.FeedForwardNorm, epsilon);
        var inner = g.Node("Relu", [Dense(g, prefix + "ffn_in", ffnInput, layer.FeedForwardIn)]);
        var ffnOutput = Dense(g, prefix + "ffn_out", inner, layer.FeedForwardOut);
        return g.Node("Add", [ffnOutput, afterAttention]);
    }

    private static string Dense(OnnxGraphBuilder g, string name, string input, DenseWeights dense)
    {
        var kernel = g.Constant(name + "_kernel", dense.Kernel, dense.Inputs, dense.Outputs);
        var bias = g.Constant(name + "_bias", dense.Bias, dense.Outputs);
        return g.Node("Add", [g.Node("MatMul", [input, kernel]), bias]);
    }

    private static string LayerNorm(OnnxGraphBuilder g, string name, string input, LayerNormWeights norm, float epsilon)
    {
        var scale = g.Constant(name + "_scale", norm.Scale, norm.Scale.Length);
        var bias = g.Constant(name + "_bias", norm.Bias, norm.Bias.Length);
        return g.Node("LayerNormalization", [input, scale, bias], Of("axis", -1L), Of("epsilon", epsilon));
    }

    /// <summary>
    /// Row p is [sin(p·t₀..t₁₂₇), cos(p·t₀..t₁₂₇)] with the model's inverse timescales t. The product is rounded to
    /// float32 first, as the TF graph multiplies in float32 before taking sine and cosine.
    /// </summary>
    private static float[] TimingSignal(UseLiteWeights weights)
    {
        var half = weights.InverseTimescales.Length;
        var table = new float[weights.MaxTokens * 2 * half];
        for (var position = 0; position < weights.MaxTokens; position++)
        {
            for (var i = 0; i < half; i++)
            {
                double angle = position * weights.InverseTimescales[i];
                table[(position * 2 * half) + i] = (float)Math.Sin(angle);
                table[(position * 2 * half) + half + i] = (float)Math.Cos(angle);
            }
        }

        return table;
    }
}
