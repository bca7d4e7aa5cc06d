using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Conversations.Grains.Bot.Ai;

/// <summary>
/// The platform's optional AI features, built from <see cref="AiOptions"/> through <c>Microsoft.Extensions.AI</c> on the
/// OpenAI client (any OpenAI-compatible endpoint). Each is null when its model is not configured; a tenant uses one only
/// when its settings enable it as well.
/// </summary>
public sealed class AiServices
{
    /// <summary>Builds the features the configuration names.</summary>
    public AiServices(IOptions<AiOptions> options, TimeProvider time, ILoggerFactory loggers)
        : this(options.Value, Chat(options.Value), Embeddings(options.Value), time, loggers)
    {
    }

    /// <summary>Builds the features on the given clients (null: that feature is off).</summary>
    public AiServices(AiOptions options, IChatClient? chat, IEmbeddingGenerator<string, Embedding<float>>? embeddings, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        Options = options;
        if (chat is not null)
        {
            Answerer = new GroundedAnswerer(chat, options, time, loggers.CreateLogger<GroundedAnswerer>());
            Assistant = new OperatorAssistant(chat, options, time, loggers.CreateLogger<OperatorAssistant>());
        }

        if (embeddings is not null)
        {
            Reranker = new SemanticReranker(embeddings, options, time, loggers.CreateLogger<SemanticReranker>());
        }
    }

    /// <summary>The configuration.</summary>
    public AiOptions Options { get; }

    /// <summary>Grounded answers, or null.</summary>
    public GroundedAnswerer? Answerer { get; }

    /// <summary>Semantic re-ranking of FAQ matches, or null.</summary>
    public SemanticReranker? Reranker { get; }

    /// <summary>Operator assist, or null.</summary>
    public OperatorAssistant? Assistant { get; }

    private static OpenAIClient Client(AiOptions options) => new(
        new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey), // local servers take any key
        new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            // A turn has its own time budget: a retry after a timeout or a 429 would only spend it.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.IndexTimeout,
        });

    private static IChatClient? Chat(AiOptions options) =>
        options.ChatConfigured ? Client(options).GetChatClient(options.ChatModel!).AsIChatClient() : null;

    private static IEmbeddingGenerator<string, Embedding<float>>? Embeddings(AiOptions options) =>
        options.EmbeddingsConfigured ? Client(options).GetEmbeddingClient(options.EmbeddingModel!).AsIEmbeddingGenerator() : null;
}
