using System.Text;
using Microsoft.Extensions.Logging;

namespace Conversations.Testing.Logs;

/// <summary>A logger of <see cref="CapturingLoggerProvider"/>: enabled at every level, so filters alone decide.</summary>
internal sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = new StringBuilder(formatter(state, exception));
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                text.Append(" | ").Append(key).Append('=').Append(value);
            }
        }

        provider.Scopes.ForEachScope((scope, builder) => builder.Append(" | scope ").Append(scope is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : scope), text);
        if (exception is not null)
        {
            text.Append(" | ").Append(exception);
        }

        provider.Entries.Enqueue((category, text.ToString()));
    }
}
