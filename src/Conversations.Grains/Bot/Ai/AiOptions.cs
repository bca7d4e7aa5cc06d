namespace Conversations.Grains.Bot.Ai;

/// <summary>
/// The platform's optional AI service (configuration section <c>Conversations:Ai</c>): any OpenAI-compatible endpoint
/// (a local Ollama or vLLM, or a cloud one). Nothing is called unless <see cref="Endpoint"/> is set and a tenant
/// enables a feature in its settings.
/// </summary>
public sealed class AiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Conversations:Ai";

    /// <summary>The API's base URL, e.g. <c>http://localhost:11434/v1</c> for Ollama; null: no AI.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The bearer key (a secret: from the environment or a secret store, never logged).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The chat model for grounded answers and operator assist; null: those are off.</summary>
    public string? ChatModel { get; set; }

    /// <summary>The embedding model for semantic matching; null: that is off.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>How long a turn waits for the semantic re-rank before it answers from the lexical match alone.</summary>
    public TimeSpan RerankBudget { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>How long a grounded answer, a summary or a suggestion may take.</summary>
    public TimeSpan ChatTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long embedding a knowledge base's questions may take (once per version).</summary>
    public TimeSpan IndexTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The weight of the semantic similarity in the blended confidence (0–1).</summary>
    public double SemanticWeight { get; set; } = 0.7;

    /// <summary>At most this many FAQ entries are given to the model for a grounded answer.</summary>
    public int GroundingEntries { get; set; } = 8;

    /// <summary>True when a chat model is configured.</summary>
    public bool ChatConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(ChatModel);

    /// <summary>True when an embedding model is configured.</summary>
    public bool EmbeddingsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(EmbeddingModel);
}
