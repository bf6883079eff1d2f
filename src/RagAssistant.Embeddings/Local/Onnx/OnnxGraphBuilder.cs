using System.Runtime.InteropServices;

namespace RagAssistant.Embeddings.Local.Onnx;

/// <summary>
/// Writes an ONNX model (IR 8, default opset 17) node by node. Field numbers follow onnx.proto:
/// ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    public const int OpsetVersion = 17;
    private const long IrVersion = 8;
    private const int FloatType = 1;
    private const int Int64Type = 7;

    private readonly ProtobufWriter _graph = new();
    private readonly List<ProtobufWriter> _inputs = [];
    private readonly List<ProtobufWriter> _outputs = [];
    private int _nextId;

    // raw_data is little-endian by the ONNX spec, which is also the byte order of every platform .NET runs ONNX Runtime on.
    public string Constant(string name, float[] values, params long[] dims) =>
        Initializer(name, FloatType, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public string Constant(string name, long[] values, params long[] dims) =>
        Initializer(name, Int64Type, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public string Scalar(string name, float value) => Constant(name, [value]);

    public string Ints(string name, params long[] values) => Constant(name, values, values.Length);

    public string FloatInput(string name, params string[] dims) => Input(name, FloatType, dims);

    public string Int64Input(string name, params string[] dims) => Input(name, Int64Type, dims);

    public void FloatOutput(string name, params string[] dims) => _outputs.Add(ValueInfo(name, FloatType, dims));

    public string Node(string opType, string[] inputs, params OnnxAttribute[] attributes) =>
        Node(opType, inputs, 1, attributes)[0];

    public string[] Node(string opType, string[] inputs, int outputCount, params OnnxAttribute[] attributes)
    {
        var id = _nextId++;
        var outputs = Enumerable.Range(0, outputCount).Select(i => $"{opType}_{id}_{i}").ToArray();
        var node = new ProtobufWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, $"{opType}_{id}").String(4, opType);
        foreach (var attribute in attributes)
        {
            node.Message(5, attribute.Write());
        }

        _graph.Message(1, node);
        return outputs;
    }

    /// <summary>Renames the last value so the session exposes it under a stable output name.</summary>
    public string Identity(string input, string outputName)
    {
        var node = new ProtobufWriter().String(1, input).String(2, outputName).String(3, outputName).String(4, "Identity");
        _graph.Message(1, node);
        return outputName;
    }

    public byte[] Build(string graphName)
    {
        _graph.String(2, graphName);
        foreach (var input in _inputs)
        {
            _graph.Message(11, input);
        }

        foreach (var output in _outputs)
        {
            _graph.Message(12, output);
        }

        var opset = new ProtobufWriter().String(1, string.Empty).Int64(2, OpsetVersion);
        return new ProtobufWriter()
            .Int64(1, IrVersion)
            .String(2, "RagAssistant.Embeddings")
            .Message(7, _graph)
            .Message(8, opset)
            .ToArray();
    }

    private string Initializer(string name, int dataType, ReadOnlySpan<byte> littleEndianData, long[] dims)
    {
        var tensor = new ProtobufWriter();
        foreach (var dim in dims)
        {
            tensor.Int64(1, dim);
        }

        tensor.Int64(2, dataType).String(8, name).Bytes(9, littleEndianData);
        _graph.Message(5, tensor);
        return name;
    }

    private string Input(string name, int elementType, string[] dims)
    {
        _inputs.Add(ValueInfo(name, elementType, dims));
        return name;
    }

    /// <summary>Dimensions are symbolic names (dim_param) or numbers (dim_value).</summary>
    private static ProtobufWriter ValueInfo(string name, int elementType, string[] dims)
    {
        var shape = new ProtobufWriter();
        foreach (var dim in dims)
        {
            var dimension = long.TryParse(dim, out var size) ? new ProtobufWriter().Int64(1, size) : new ProtobufWriter().String(2, dim);
            shape.Message(1, dimension);
        }

        var tensorType = new ProtobufWriter().Int64(1, elementType).Message(2, shape);
        var type = new ProtobufWriter().Message(1, tensorType);
        return new ProtobufWriter().String(1, name).Message(2, type);
    }
}
