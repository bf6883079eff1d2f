namespace RagAssistant.Embeddings.Local;

/// <summary>Picks the encoder's weights out of the TensorFlow.js tensors by their graph names and checks their shapes.</summary>
internal static class UseLiteWeightsLoader
{
    private const string Apply = "module_apply_default/Encoder_en/";
    private const string Encode = Apply + "KonaTransformer/Encode/";
    private const string Stack = Encode + "TransformerStack/";

    public static UseLiteWeights Load(string modelJsonPath)
    {
        var tensors = TfjsWeightsReader.Read(modelJsonPath);
        var reader = new Reader(tensors, modelJsonPath);

        var embeddings = reader.Tensor("module/Embeddings_en");
        var timescales = reader.Tensor(Stack + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1");
        var layers = new[] { ReadLayer(reader, 0, hasResidualProjection: true), ReadLayer(reader, 1, hasResidualProjection: false) };

        return new UseLiteWeights(
            TokenEmbeddings: embeddings.Values,
            VocabularyRows: embeddings.Shape[0],
            EmbeddingWidth: embeddings.Shape[1],
            InverseTimescales: timescales.Values,
            MaxTokens: (int)reader.Scalar(Apply + "KonaTransformer/ClipToMaxLength/Less/y"),
            LayerNormEpsilon: reader.Scalar(Stack + "Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x"),
            PaddingBias: reader.Scalar(Stack + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/mul/y"),
            Layers: layers,
            Projection: reader.Dense("module/Encoder_en/hidden_layers/tanh_layer_0/weights", "module/Encoder_en/hidden_layers/tanh_layer_0/bias"),
            NormalizationFloor: reader.Scalar(Apply + "hidden_layers/l2_normalize/Maximum/y"));
    }

    private static TransformerLayerWeights ReadLayer(Reader reader, int index, bool hasResidualProjection)
    {
        var applied = $"{Encode}Layer_{index}/TransformerLayer/";
        var stacked = $"{Stack}Layer_{index}/TransformerLayer/";
        var variables = $"module/Encoder_en/KonaTransformer/Encode/Layer_{index}/TransformerLayer/";

        var qkv = reader.Dense(variables + "MultiheadAttention/qkv_transform_single/kernel/part_0", applied + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat");
        var headWidth = (int)reader.Scalar(stacked + "MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/3");
        var modelWidth = qkv.Outputs / 3;

        return new TransformerLayerWeights(
            Heads: modelWidth / headWidth,
            QueryScale: reader.Scalar(stacked + "MultiheadAttention/mul/y"),
            AttentionNorm: reader.Norm(applied + "layer_prepostprocess/layer_norm/"),
            QueryKeyValue: qkv,
            AttentionOutput: reader.Dense(variables + "MultiheadAttention/output_transform_single/kernel/part_0", applied + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat"),
            ResidualProjection: hasResidualProjection ? reader.Dense(applied + "dense/kernel/ConcatPartitions/concat", applied + "dense/bias/ConcatPartitions/concat") : null,
            FeedForwardNorm: reader.Norm(applied + "FFN/layer_prepostprocess/layer_norm/"),
            FeedForwardIn: reader.Dense(stacked + "FFN/conv1/Tensordot/Reshape_1", applied + "FFN/conv1/bias/ConcatPartitions/concat"),
            FeedForwardOut: reader.Dense(stacked + "FFN/conv2/Tensordot/Reshape_1", applied + "FFN/conv2/bias/ConcatPartitions/concat"));
    }

    private sealed class Reader(IReadOnlyDictionary<string, TfjsTensor> tensors, string modelJsonPath)
    {
        public TfjsTensor Tensor(string name) =>
            tensors.TryGetValue(name, out var tensor)
                ? tensor
                : throw new EmbeddingModelUnavailableException(modelJsonPath, $"weight {name} is missing; this is not the Universal Sentence Encoder lite model");

        public float Scalar(string name)
        {
            var tensor = Tensor(name);
            return tensor.ElementCount == 1
                ? tensor.Values[0]
                : throw new EmbeddingModelUnavailableException(modelJsonPath, $"weight {name} should be a scalar");
        }

        /// <summary>Kernels come as [in, out] or as 1×1 convolutions [1, 1, in, out]; both are the same matrix.</summary>
        public DenseWeights Dense(string kernelName, string biasName)
        {
            var kernel = Tensor(kernelName);
            var bias = Tensor(biasName);
            var inputs = kernel.Shape[^2];
            var outputs = kernel.Shape[^1];
            if (kernel.ElementCount != inputs * outputs || bias.ElementCount != outputs)
            {
                throw new EmbeddingModelUnavailableException(modelJsonPath, $"weights {kernelName} and {biasName} have shapes that do not fit together");
            }

            return new DenseWeights(kernel.Values, bias.Values, inputs, outputs);
        }

        public LayerNormWeights Norm(string prefix) =>
            new(Tensor(prefix + "layer_norm_scale/ConcatPartitions/concat").Values, Tensor(prefix + "layer_norm_bias/ConcatPartitions/concat").Values);
    }
}
