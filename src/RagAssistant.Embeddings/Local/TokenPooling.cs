namespace RagAssistant.Embeddings.Local;

/// <summary>How a sentence-transformer turns its per-token outputs into one sentence vector.</summary>
public enum TokenPooling
{
    /// <summary>The average of all real (unpadded) token vectors, [CLS] and [SEP] included: all-MiniLM-L6-v2.</summary>
    Mean,

    /// <summary>The vector of the leading [CLS] token: snowflake-arctic-embed-xs.</summary>
    Cls,
}
