namespace RagAssistant.Embeddings.Local.Onnx;

/// <summary>A node attribute; ONNX stores exactly one typed value per attribute.</summary>
internal abstract record OnnxAttribute(string Name)
{
    public static OnnxAttribute Of(string name, long value) => new IntAttribute(name, value);

    public static OnnxAttribute Of(string name, float value) => new FloatAttribute(name, value);

    public static OnnxAttribute Of(string name, params long[] values) => new IntsAttribute(name, values);

    internal abstract ProtobufWriter Write();
}

internal sealed record IntAttribute(string Name, long Value) : OnnxAttribute(Name)
{
    // AttributeProto: name = 1, i = 3, type = 20 (INT = 2).
    internal override ProtobufWriter Write() => new ProtobufWriter().String(1, Name).Int64(3, Value).Int64(20, 2);
}

internal sealed record FloatAttribute(string Name, float Value) : OnnxAttribute(Name)
{
    // AttributeProto: f = 2, type FLOAT = 1.
    internal override ProtobufWriter Write() => new ProtobufWriter().String(1, Name).Float(2, Value).Int64(20, 1);
}

internal sealed record IntsAttribute(string Name, long[] Values) : OnnxAttribute(Name)
{
    // AttributeProto: ints = 8 (unpacked repeated), type INTS = 7.
    internal override ProtobufWriter Write()
    {
        var writer = new ProtobufWriter().String(1, Name);
        foreach (var value in Values)
        {
            writer.Int64(8, value);
        }

        return writer.Int64(20, 7);
    }
}
