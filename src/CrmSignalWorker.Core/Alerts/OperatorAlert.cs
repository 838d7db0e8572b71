namespace CrmSignalWorker.Core.Alerts;

public enum AlertSeverity
{
    Warning = 0,

    /// <summary>Stop-the-line class: the data the product stands on is at risk until someone acts.</summary>
    Critical = 1,
}

/// <summary>
/// Something about the worker itself that an operator must see: a lost stream position, a hole being back-filled.
/// </summary>
/// <param name="Key">Stable for one occurrence, so raising it again (a restart, a retry) sends nothing twice.</param>
/// <param name="Detail">Plain text; renderers escape it.</param>
public sealed record OperatorAlert(string Key, AlertSeverity Severity, string Title, string Detail, DateTimeOffset RaisedAt);
