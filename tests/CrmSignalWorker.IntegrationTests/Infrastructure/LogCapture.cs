using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>
/// Every line the worker logs, at every level and from every category (the worker's own, gRPC, HttpClient, Npgsql),
/// rendered with its exception, so a test can show which path the worker took and that no secret reached a log.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, int EventId, string Line)> _lines = new();

    public string AllText => string.Join('\n', _lines.Select(l => l.Line));

    /// <summary>How many lines <typeparamref name="TCategory"/> logged with <paramref name="eventId"/> (ids are unique per project only).</summary>
    public int Count<TCategory>(int eventId) => LinesOf<TCategory>(eventId).Count();

    public IEnumerable<string> LinesOf<TCategory>(int eventId) =>
        _lines.Where(l => l.EventId == eventId && l.Category == typeof(TCategory).FullName).Select(l => l.Line);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
        // Holds nothing to release; the lines stay readable after the worker's host is gone.
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<(string Category, int EventId, string Line)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, eventId.Id, $"{logLevel} {eventId.Id} {category}: {formatter(state, exception)} {exception}"));
    }
}
