namespace CrmSignalWorker.Core.AuditLog;

/// <summary>The kinds of act the audit log records.</summary>
public static class AuditKinds
{
    public const string FlagPaused = "flag.paused";
    public const string FlagResumed = "flag.resumed";
    public const string MessageSent = "message.sent";
    public const string RequestRejected = "request.rejected";
    public const string ConfigurationChanged = "configuration.changed";
    public const string SilenceAdded = "silence.added";
    public const string AlertAcknowledged = "alert.acknowledged";
}
