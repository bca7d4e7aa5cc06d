using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Conversations.Testing.Logs;

/// <summary>Keeps every log entry of every category and level as text: message, state values, scopes and exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Each entry: its category and everything it carries, as one text.</summary>
    public ConcurrentQueue<(string Category, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    internal IExternalScopeProvider Scopes => _scopes;
}
