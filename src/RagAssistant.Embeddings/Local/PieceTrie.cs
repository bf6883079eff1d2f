using System.Text;

namespace RagAssistant.Embeddings.Local;

/// <summary>A prefix tree over code points, so all pieces starting at a position are found in one walk.</summary>
internal sealed class PieceTrie
{
    public Node Root { get; } = new();

    public void Add(string piece, int id, double score)
    {
        var node = Root;
        foreach (var rune in piece.EnumerateRunes())
        {
            node = node.GetOrAddChild(rune.Value);
        }

        node.PieceId = id;
        node.Score = score;
    }

    internal sealed class Node
    {
        private Dictionary<int, Node>? _children;

        public int PieceId { get; set; } = -1;

        public double Score { get; set; }

        public Node? Child(int codePoint) =>
            _children is not null && _children.TryGetValue(codePoint, out var child) ? child : null;

        public Node GetOrAddChild(int codePoint)
        {
            _children ??= [];
            if (!_children.TryGetValue(codePoint, out var child))
            {
                child = new Node();
                _children[codePoint] = child;
            }

            return child;
        }
    }
}
